// The admin home is the user's work (issue #11): a street office sees its region and role, then
// one card per step of the programme — the register, the check-up and the consultation with
// their counts in the street only (GET /api/v1/workbench), linking to their pages — and the steps
// not built yet as "coming soon", without any error message.
//   a. set-up through the API: estates in the street and one in another street, a check-up
//      campaign over the street, an open consultation with one ballot, a street-office user
//   b. the street office logs in: its own counts, links to its pages, no error
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { screenshot } from './browser.mjs'
import { apiClient, apiFailures, assertClean, COMMUNITY_CODE, createOpenConsultation, errorToasts, idNumber, journeyHooks, login, seedEstate } from './fixtures.mjs'

const STREET_CODE = COMMUNITY_CODE.slice(0, 9)
const STREET = { username: 'hongdu_home', displayName: '洪都街道办', password: 'Street#2026home', role: 'street', scopeCode: STREET_CODE }
// The workbench counts this year's check-ups, in Beijing time.
const YEAR = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear()
const TITLE = '洪都新村加装电梯意愿征询'

/** The figure a card shows for `key` (data-testid step-<step>-<key>), as a number. */
async function figure(page, step, key) {
  const text = await page.getByTestId(`step-${step}-${key}`).locator('.hx-step__value').innerText()
  return Number(text.replace(/,/g, ''))
}

describe('admin home: a street office sees its own work', () => {
  let page
  let problems
  let api
  let consultationId

  journeyHooks('home', (started) => {
    ;({ page, problems } = started)
  })

  test('a. set-up through the API: estates, a campaign, an open consultation, a street user', async () => {
    api = apiClient(page, await login(page))
    const { estateId, buildingId, dwellingIds } = await seedEstate(api, {
      estate: { name: '洪都新村', address: '洪都中大道 100 号', builtYear: 1990 },
      building: { number: '3', floors: 6 },
      dwellings: [1, 2, 3].map((floor) => ({
        floor,
        room: `${floor}01`,
        exclusiveArea: '70.00',
        owner: { name: `业主${floor}`, idNumber: idNumber(`1970010${floor}`, floor) },
      })),
    })
    await api('POST', '/estates', { regionCode: COMMUNITY_CODE, name: '洪都北村', address: '洪都北大道 8 号', builtYear: 2003 })
    // An estate of another street of 青云谱区: not the street office's.
    const streets = (await api('GET', '/regions?parent=360104')).items.filter((r) => r.code !== STREET_CODE)
    const community = (await api('GET', `/regions?parent=${streets[0].code}`)).items[0]
    await api('POST', '/estates', { regionCode: community.code, name: '别街小区', address: '别处 1 号', builtYear: 1995 })

    await api('POST', '/checkups', { title: `${YEAR}年洪都街道体检`, year: YEAR, regionCode: STREET_CODE, estateIds: [estateId] })
    const c = await createOpenConsultation(api, {
      estateId,
      title: TITLE,
      kind: 'willingness',
      items: [{ title: '3栋1单元加装电梯', catalogItemCode: null, rule: { type: 'art278', matter: 7 }, scope: { type: 'stairwell', buildingId, stairwell: 1 } }],
    })
    consultationId = c.id
    await api('PUT', `/consultations/${c.id}/ballots/${dwellingIds['101']}`, { choices: { [c.items[0].id]: 'agree' }, channel: 'paper' })
    await api('POST', '/users', STREET)
    await assertClean(page, problems)
  })

  test('b. the street office logs in and sees its own counts, with no error', async () => {
    await page.getByTestId('logout').click()
    await page.waitForURL(/\/login/)
    // The login page asks who is logged in before anyone is: that 401 is expected.
    const failures = apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/)
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/workbench')
    await login(page, STREET.username, STREET.password)
    const workbench = await answered
    assert.equal(workbench.status(), 200, `GET /api/v1/workbench → ${workbench.status()}: ${await workbench.text()}`)
    await page.getByTestId('home-welcome-title').filter({ hasText: STREET.displayName }).waitFor()
    await page.getByTestId('step-consultation').waitFor()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(failures, [], 'no request refused')
    assert.deepEqual(await errorToasts(page), [], 'no error message')
    assert.equal((await page.getByTestId('home-scope').innerText()).trim(), '洪都街道')
    assert.equal((await page.getByTestId('home-role').innerText()).trim(), '街道办')

    // The steps in order: six built cards, then two to come (not links).
    const steps = page.locator('[data-testid^="step-"][data-state]')
    const order = await steps.evaluateAll((els) => els.map((e) => `${e.dataset.testid.slice(5)}:${e.dataset.state}`))
    assert.deepEqual(order, [
      'register:built',
      'checkup:built',
      'consultation:built',
      'project:built',
      'construction:built',
      'supervision:built',
      'stewardship:planned',
      'publicity:planned',
    ])
    for (const planned of await page.locator('[data-state="planned"]').all()) {
      assert.match(await planned.innerText(), /即将上线/)
      assert.equal(await planned.locator('a').count(), 0, 'a step to come is not a link')
    }

    // Counts in the street only: two estates, not the other street's.
    assert.equal(await figure(page, 'register', 'estates'), 2)
    assert.equal(await figure(page, 'register', 'dwellings'), 3)
    assert.equal(await figure(page, 'checkup', 'campaigns'), 1)
    assert.equal(await figure(page, 'checkup', 'estates'), 1)
    assert.equal(await figure(page, 'checkup', 'inProgress'), 1)
    assert.equal(await figure(page, 'consultation', 'open'), 1)
    const row = page.getByTestId(`step-consultation-row-${consultationId}`)
    assert.match(await row.innerText(), new RegExp(`${TITLE}[\\s\\S]*洪都新村[\\s\\S]*已参与 1 / 3 户`))
    await screenshot(page, 'home-street')

    // The cards lead to the pages: the problem list opens in the street's scope.
    await page.getByTestId('step-checkup-link-problems').click()
    await page.waitForURL(/\/checkups\/problems$/)
    await page.getByTestId('problem-table').waitFor()
    await page.waitForLoadState('networkidle')
    assert.deepEqual(failures, [], 'no request refused on the problem list')
    await page.goBack()
    await page.getByTestId(`step-consultation-row-${consultationId}-followups`).click()
    await page.waitForURL(new RegExp(`/consultations/${consultationId}/followups$`))
    await assertClean(page, problems)
  })
})
