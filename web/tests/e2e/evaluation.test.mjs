// Browser journey through evaluations (issue #15, docs/evaluation.md) on the demo data (`huanxin
// demo`: the seeded monthly scorecard scored for estates of 洪都街道 and 京山街道 in the last two
// full months, one evaluation that issued a rectification order):
//   a. the street office enters an evaluation of one of its estates: the total and the grade move
//      as the scores are typed, a score above the item's maximum is flagged, and the saved
//      evaluation's grade is the one the API answers
//   b. the rankings of the last full month: estates then streets, with the commendation and
//      criticism lists
// The pages need a login (no axe run: none is public). Screenshots: build/e2e/evaluation-*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { shooter } from './browser.mjs'
import { apiClient, apiFailures, assertClean, errorToasts, fill, journeyHooks, login, loginAs, settle } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const shot = shooter('evaluation', process.env.EVALWEB_SHOTS ?? '/tmp/evalweb-shots')

let server
let browser
let page
let problems

function lastMonth() {
  const d = new Date()
  const p = new Date(d.getFullYear(), d.getMonth() - 1, 1)
  return `${p.getFullYear()}-${String(p.getMonth() + 1).padStart(2, '0')}`
}

describe('evaluation journey', () => {
  journeyHooks('evaluation', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('a. an evaluation entered with its live total and grade', async () => {
    const failures = apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/)
    const api = apiClient(page, await login(page, 'hongdu.street', DEMO_PASSWORD))
    const estate = (await api('GET', '/estates?regionCode=360104002&pageSize=1')).items[0]
    const before = (await api('GET', `/evaluations?estateId=${estate.id}`)).total

    await page.goto('/evaluation')
    await page.getByTestId('ev-items').waitFor()
    await page.getByTestId('ev-estate').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: estate.name }).first().click()
    const sheet = { sanitation: '19', greenery: '14.5', facilities: '19', safety: '14.5', service: '14', satisfaction: '14.5' }  // 95.5
    for (const [code, v] of Object.entries(sheet)) await fill(page, `ev-score-${code}`, v)
    await page.getByTestId('ev-live-grade').filter({ hasText: '优秀' }).waitFor()
    assert.match(await page.getByTestId('ev-live-total').innerText(), /95\.5/)
    // Above the item's maximum (15): no grade until it is right.
    await fill(page, 'ev-score-greenery', '15.5')
    await page.getByTestId('ev-live-grade').waitFor({ state: 'detached' })
    await fill(page, 'ev-score-greenery', '9.5')  // 90.5
    await page.getByTestId('ev-live-grade').filter({ hasText: '良好' }).waitFor()
    await fill(page, 'ev-finding-greenery', '草坪多处斑秃未补植')
    await shot(page, 'entry')
    await page.getByTestId('ev-submit').click()
    await page.getByTestId('ev-saved').waitFor()
    assert.equal(await page.getByTestId('ev-saved').getAttribute('data-grade'), 'good')
    const list = await api('GET', `/evaluations?estateId=${estate.id}`)
    assert.equal(list.total, before + 1)
    assert.equal(list.items[0].total, 90.5)
    assert.equal(list.items[0].grade, 'good')
    await settle(page)
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, problems)
  })

  test('b. rankings of estates and streets with the commendation and criticism lists', async () => {
    // The bureau sees both streets.
    const { context, page: bureau, problems: bureauProblems, api } = await loginAs(browser, server.baseUrl, 'qyp.bureau', DEMO_PASSWORD)
    const page = bureau
    const failures = apiFailures(page)
    const month = lastMonth()
    const streets = await api('GET', `/rankings?level=street&period=${month}`)
    assert.ok(streets.items.length >= 2, 'two streets are ranked')

    await page.goto('/evaluation/rankings')
    await page.getByTestId('rk-table').waitFor()
    await fill(page, 'rk-period', month)
    await page.getByTestId('rk-load').click()
    const estates = await api('GET', `/rankings?level=estate&period=${month}`)
    assert.ok(estates.items.length >= 4)
    await page.getByTestId(`rk-row-${estates.items[0].id}`).waitFor()
    assert.ok(estates.criticisms.length >= 1, 'the demo has a poor estate')
    await page.getByTestId('rk-criticisms').filter({ hasText: estates.criticisms[0].name }).waitFor()
    await page.getByTestId('rk-level-street').click()
    await page.getByTestId(`rk-row-${streets.items[0].id}`).waitFor()
    await shot(page, 'rankings')
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, bureauProblems)
    await context.close()
  })
})
