// Browser journey through the assessment of streets and departments (issue #15,
// docs/assessment.md) on the demo data (`huanxin demo`: the county's duty matrix, a joint meeting
// with three action items of which one is overdue, this year's evaluation with scores entered):
//   a. the bureau reads the KPIs with each formula and its inputs, as the API gives them
//   b. the demo meeting shows its overdue item; marking it done turns it done
//   c. the annual evaluation shows the 18 indicators; entering a score changes the total the
//      API reports
// The pages need a login (no axe run: none is public). Screenshots: build/e2e/assessment-*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { shooter } from './browser.mjs'
import { apiClient, assertClean, journeyHooks, login } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const shot = shooter('assessment', process.env.ASMWEB_SHOTS ?? '/tmp/asmweb-shots')

let server
let browser
let page
let problems
// One login for the journey: the login page sends a signed-in user home, so later steps reuse it.
let session
const signIn = async () => (session ??= apiClient(page, await login(page, 'qyp.bureau', DEMO_PASSWORD)))

describe('assessment journey', () => {
  journeyHooks('assessment', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('a. the KPIs with their formulas and inputs', async () => {
    const api = await signIn()
    const year = new Date().getFullYear()
    const kpis = await api('GET', `/assessment/kpis?year=${year}`)
    await page.goto('/assessment/kpis')
    await page.getByTestId('asm-kpis').waitFor()
    const start = kpis.total.kpis.find((k) => k.kpi === 'start_rate')
    const cell = page.getByTestId(`asm-v-${kpis.total.code}-start_rate`)
    await cell.waitFor()
    assert.equal((await cell.textContent()).trim(), start.value === null ? '—' : `${start.value.toFixed(2)}%`)
    assert.ok((await page.getByTestId('asm-kpis').textContent()).includes('已开工小区数'))
    await shot(page, 'kpis')
    await assertClean(page, problems)
  })

  test('b. the overdue action item of the demo meeting, marked done', async () => {
    const api = await signIn()
    const meeting = (await api('GET', '/assessment/meetings')).items[0]
    const overdue = meeting.actions.find((a) => a.status === 'overdue')
    assert.ok(overdue, 'the demo has an overdue item')
    await page.goto('/assessment/meetings')
    const tag = page.getByTestId(`asm-action-${overdue.id}`)
    await tag.waitFor()
    assert.equal((await tag.textContent()).trim(), '已逾期')
    await shot(page, 'meetings')
    await page.getByTestId(`asm-action-done-${overdue.id}`).click()
    await page.waitForFunction((id) => document.querySelector(`[data-testid="asm-action-${id}"]`)?.textContent?.includes('已完成'), overdue.id)
    const after = (await api('GET', `/assessment/meetings/${meeting.id}`)).actions.find((a) => a.id === overdue.id)
    assert.equal(after.status, 'done')
    await assertClean(page, problems)
  })

  test('c. the annual evaluation: 18 indicators, a score entered changes the total', async () => {
    const api = await signIn()
    const year = new Date().getFullYear()
    const before = await api('GET', `/assessment/evaluations/${year}`)
    assert.equal(before.indicators.length, 18)
    await page.goto('/assessment/evaluation')
    await page.getByTestId('asm-e-table').waitFor()
    const input = page.getByTestId('asm-e-points-I08').locator('input') // el-input-number keeps the test id on its wrapper
    await input.fill('3')
    await input.press('Enter')
    await page.waitForFunction(
      (t) => document.querySelector('[data-testid="asm-e-total"]')?.textContent?.includes(String(t)),
      Math.round((before.total + 3) * 100) / 100,
    )
    const after = await api('GET', `/assessment/evaluations/${year}`)
    assert.equal(Math.round(after.total * 100), Math.round(before.total * 100) + 300)
    await shot(page, 'evaluation')
    await assertClean(page, problems)
  })
})
