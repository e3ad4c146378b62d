// The demo (`make run`) gives every demo account work to see (issue #11 §4), checked on the data
// `huanxin demo` loads — not on data the test makes itself:
//   a. the street office 洪都街道 logs in: its home shows its own street's counts (estates, this
//      year's check-ups with estates waiting for review, the open consultation, its projects) and no error
//   b. the other street office, 京山街道, has check-ups waiting for its review
//   c. the grid worker on a phone opens an assigned check-up estate from the H5 home in two taps
//   d. the ballot code the demo prints opens the resident's ballot page
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openPage, screenshot } from './browser.mjs'
import { apiFailures, assertClean, errorToasts, journeyHooks, login, loginAs } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const PHONE = { viewport: { width: 390, height: 844 }, mobile: true }

/** The figure a home card shows for `key` (data-testid step-<step>-<key>), as a number. */
async function figure(page, step, key) {
  const text = await page.getByTestId(`step-${step}-${key}`).locator('.hx-step__value').innerText()
  return Number(text.replace(/,/g, ''))
}

describe('demo accounts: each finds work to see', () => {
  let server
  let browser
  let page
  let problems

  journeyHooks(
    'demo',
    (started) => {
      ;({ server, browser, page, problems } = started)
    },
    { demo: true },
  )

  test('a. 洪都街道 sees its own street on the home page, without an error', async () => {
    const failures = apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/) // before login
    await login(page, 'hongdu.street', DEMO_PASSWORD)
    await page.getByTestId('home-scope').filter({ hasText: '洪都街道' }).waitFor()
    await page.getByTestId('step-register-estates').waitFor()
    await page.waitForLoadState('networkidle')
    // The street's figures are the workbench's, and they are the street's own (not the county's).
    const work = await (await page.request.get('/api/v1/workbench')).json()
    assert.equal(work.regionCode, '360104002')
    assert.ok(work.sections.register.estates > 0 && work.sections.register.estates < 30, JSON.stringify(work.sections.register))
    assert.equal(await figure(page, 'register', 'estates'), work.sections.register.estates)
    assert.ok(work.sections.checkup.awaitingReview > 0, 'estates wait for the street office to review them')
    assert.ok(work.sections.checkup.approved > 0)
    assert.equal(await figure(page, 'checkup', 'awaitingReview'), work.sections.checkup.awaitingReview)
    assert.equal(work.sections.consultation.open, 1)
    // The demo's area project (started) and the one in reserve are 洪都's; the notice has an objection to answer.
    assert.ok(work.sections.project.projects >= 2, JSON.stringify(work.sections.project))
    assert.equal(work.sections.project.building, 1)
    assert.equal(work.sections.project.unansweredObjections, 1)
    assert.equal(await figure(page, 'project', 'projects'), work.sections.project.projects)
    assert.ok(work.sections.consultation.consultations[0].participated > 0)
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await screenshot(page, 'demo-home-hongdu-street')
    await assertClean(page, problems)
  })

  test('b. 京山街道 has check-ups waiting for its review', async () => {
    const { context, api } = await loginAs(browser, server.baseUrl, 'jingshan.street', DEMO_PASSWORD)
    const work = await api('GET', '/workbench')
    assert.equal(work.regionCode, '360104006')
    assert.ok(work.sections.checkup.awaitingReview > 0, JSON.stringify(work.sections.checkup))
    await context.close()
  })

  test('c. grid.worker on a phone opens an assigned check-up estate from the H5 home', async () => {
    const { context, page: phone, problems: phoneProblems, api } = await loginAs(
      browser, server.baseUrl, 'grid.worker', DEMO_PASSWORD, PHONE)
    const work = await api('GET', '/workbench')
    assert.ok(work.sections.checkup.assignedToMe > 0, 'the demo assigns check-up estates to the grid worker')
    assert.ok(work.sections.consultation.followupsAssignedToMe > 0, 'and follow-ups')
    const campaigns = (await api('GET', '/checkups')).items
    const mine = campaigns.flatMap((c) => c.estates.filter((e) => e.assignee?.username === 'grid.worker' && e.status === 'draft')
      .map((e) => ({ campaign: c.id, estate: e.estateId })))
    assert.ok(mine.length > 0, 'an assigned estate still to capture')
    await phone.goto('/h5/')
    await phone.getByTestId('module-checkup').click()
    await phone.waitForURL(/\/h5\/checkup$/)
    const estate = phone.getByTestId(`capture-estate-${mine[0].estate}`)
    await estate.waitFor()
    await screenshot(phone, 'demo-h5-grid-worker-campaigns')
    await estate.click()
    await phone.waitForURL(new RegExp(`/h5/checkup/${mine[0].campaign}/${mine[0].estate}$`))
    await phone.getByTestId('capture-estate-status').waitFor()
    await screenshot(phone, 'demo-h5-grid-worker-estate')
    await assertClean(phone, phoneProblems)
    await context.close()
  })

  test('d. the ballot code the demo prints opens the resident ballot page', async () => {
    const match = server.demoOutput.match(/resident ballot page: (\/h5\/#\/ballot\/[0-9A-Z]+)/)
    assert.ok(match, `the demo prints a ballot page:\n${server.demoOutput}`)
    const { page: resident, problems: residentProblems, context: residentContext } = await openPage(browser, server.baseUrl, PHONE)
    await resident.goto(match[1])
    await resident.getByTestId('ballot-facts').waitFor()
    await resident.getByTestId('ballot-item-0').waitFor()
    await screenshot(resident, 'demo-h5-resident-ballot')
    await assertClean(resident, residentProblems)
    await residentContext.close()
  })
})
