// Browser journey through construction (issue #13, docs/construction.md) on the demo data
// (`huanxin demo`: the 洪都 area project has steps from the templates, a schedule and a baseline):
//   a. the street office 洪都街道 opens the area project's construction page: the steps with the
//      dig-once openings ("开挖 N 次（按专业分别开挖需 M 次）"), runs the schedule, sees the Gantt
//      chart drawn (bars > 0) with the duration, lower bound and each step's binding constraint,
//      and saves the schedule as the baseline
//   b. on a phone (390×844) the same user reports progress with a photo while offline: the report
//      waits on the phone, and goes (once, by clientId) when the phone is back online
//   c. a resident opens the estate's works page without logging in: notices with their dates, the
//      progress and the calendar feed link; axe-core (WCAG 2 A/AA) on that public page
// Screenshots: build/e2e/construction-*.png and /tmp/cweb-shots/*.png.
import { axeViolations } from './axe.mjs'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openPage, PHONE, PNG_1PX, shooter } from './browser.mjs'
import { apiClient, apiFailures, assertClean, errorToasts, journeyHooks, login, loginAs } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const PNG = PNG_1PX
const shot = shooter('construction', process.env.CWEB_SHOTS ?? '/tmp/cweb-shots')

let server
let browser
let page
let problems
let api
let project

describe('construction journey', () => {
  journeyHooks('construction', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('a. the street office runs the schedule, sees the Gantt chart and saves the baseline', async () => {
    const failures = apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/)
    api = apiClient(page, await login(page, 'hongdu.street', DEMO_PASSWORD))
    const projects = (await api('GET', '/projects?pageSize=100')).items
    project = projects.find((p) => p.kind === 'area')
    assert.ok(project, `the demo has an area project: ${JSON.stringify(projects.map((p) => p.name))}`)
    project = await api('GET', `/projects/${project.id}`)

    // From the menu to the project's construction page.
    await page.getByTestId('menu-group-menu.construction').click()
    await page.getByTestId('menu-construction-projects').click()
    await page.getByTestId(`construction-open-${project.id}`).click()
    await page.waitForURL(new RegExp(`/construction/projects/${project.id}`))
    assert.equal((await page.getByTestId('construction-title').innerText()).trim(), project.name)

    // Steps: the dig-once openings.
    await page.locator('#tab-steps').click()
    const openings = page.getByTestId('steps-openings')
    await openings.filter({ hasText: /开挖 \d+ 次（按专业分别开挖需 \d+ 次）/ }).waitFor()
    const set = await api('GET', `/projects/${project.id}/steps`)
    assert.match(await openings.innerText(), new RegExp(`开挖 ${set.openings.merged} 次（按专业分别开挖需 ${set.openings.naive} 次）`))
    assert.ok(set.openings.merged < set.openings.naive, JSON.stringify(set.openings))
    await page.getByTestId('steps-table').locator('.el-table__row').first().waitFor()
    await shot(page, 'admin-steps')

    // Schedule: run it, the Gantt chart draws one bar per step.
    await page.locator('#tab-schedule').click()
    await page.getByTestId('schedule-run').waitFor()
    const [ran] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/projects/${project.id}/schedule`) && r.request().method() === 'POST'),
      page.getByTestId('schedule-run').click(),
    ])
    assert.equal(ran.status(), 200, await ran.text())
    const schedule = await ran.json()
    const gantt = page.getByTestId('gantt')
    await gantt.locator('canvas').waitFor()
    const bars = Number(await gantt.getAttribute('data-bars'))
    assert.ok(bars > 0, 'the Gantt chart has bars')
    assert.equal(bars, schedule.steps.length)
    assert.match(await page.getByTestId('schedule-makespan').innerText(), new RegExp(`${schedule.makespanDays} 天`))
    assert.match(await page.getByTestId('schedule-lower-bound').innerText(), new RegExp(`${Math.max(schedule.lowerBoundDays, schedule.resourceBoundDays)} 天`))
    assert.match(await page.getByTestId('schedule-bounds').innerText(), new RegExp(`关键路径 ${schedule.lowerBoundDays} 天`))
    // Each step says what bound its start; the critical ones are marked.
    const first = schedule.steps[0]
    const row = page.getByTestId('schedule-table').locator('.el-table__row', { has: page.getByTestId(`schedule-step-${first.code}`) })
    assert.match(await row.innerText(), /开工日|紧前工序|工作日历|禁施工期|班组占用|与其他停水停电合并/)
    assert.ok(schedule.steps.some((s) => s.critical), 'a critical path')
    if (schedule.yearEndExceeded) await page.getByTestId('schedule-year-end').waitFor()
    // The tooltip of a bar names the binding constraint.
    const box = await gantt.boundingBox()
    await page.mouse.move(box.x + 260, box.y + 60)
    await page.waitForTimeout(300)
    await page.setViewportSize({ width: 1440, height: 1600 })
    await page.waitForTimeout(400)
    await shot(page, 'admin-schedule-gantt')
    await page.setViewportSize({ width: 1440, height: 900 })

    // Save as the baseline.
    await page.getByTestId('schedule-baseline').click()
    const [saved] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/projects/${project.id}/baseline`) && r.request().method() === 'POST'),
      page.locator('.el-message-box__btns .el-button--primary').click(),
    ])
    assert.equal(saved.status(), 201, await saved.text())
    await page.locator('.el-message--success').filter({ hasText: '已保存为基线' }).waitFor()
    const current = await api('GET', `/projects/${project.id}/schedule`)
    assert.ok(current.steps.every((s) => s.baselineStartOn !== null), 'every step has its baseline')
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, problems)
  })

  test('b. on a phone, a progress report with a photo made offline is sent once back online', async () => {
    const { context, page: phone, problems: phoneProblems, api: phoneApi } = await loginAs(browser, server.baseUrl, 'hongdu.street', DEMO_PASSWORD, PHONE)
    await phone.goto('/h5/')
    await phone.getByTestId('module-construction').click()
    await phone.waitForURL(/\/h5\/construction$/)
    await phone.getByTestId(`cons-h5-project-${project.id}`).click()
    await phone.waitForURL(new RegExp(`/h5/construction/${project.id}$`))
    const select = phone.getByTestId('cons-h5-step')
    await select.locator('option:not([disabled])').first().waitFor({ state: 'attached' })
    const stepCode = await select.locator('option:not([disabled])').first().getAttribute('value')
    await phone.getByTestId('cons-sync-bar').and(phone.locator('[data-state="synced"]')).waitFor()

    await context.setOffline(true)
    await phone.getByTestId('cons-sync-bar').and(phone.locator('[data-state="offline"]')).waitFor()
    await select.selectOption(stepCode)
    const percent = phone.getByTestId('cons-h5-percent').locator('input')
    await percent.fill('60')
    await percent.blur()
    await phone.getByTestId('cons-h5-photo').locator('input[type=file]').setInputFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG })
    await phone.getByTestId('cons-h5-note').locator('input').fill('雨污分流管道敷设过半')
    await phone.getByTestId('cons-h5-submit').click()
    const mine = phone.locator('[data-testid^="cons-h5-report-"]').first()
    await mine.and(phone.locator('[data-state="pending"]')).waitFor()
    assert.match(await phone.getByTestId('cons-sync-text').innerText(), /离线 · 1 条待上传/)
    await shot(phone, 'h5-progress-offline')

    await context.setOffline(false)
    await mine.and(phone.locator('[data-state="synced"]')).waitFor({ timeout: 30_000 })
    await phone.getByTestId('cons-sync-bar').and(phone.locator('[data-state="synced"]')).waitFor()
    const progress = await phoneApi('GET', `/projects/${project.id}/progress`)
    const step = progress.steps.find((s) => s.code === stepCode)
    assert.equal(step.percent, 60)
    assert.ok(step.reported)
    assert.ok(step.photoFileId, 'the photo went with the report')
    await shot(phone, 'h5-progress-synced')
    await assertClean(phone, phoneProblems)
    await context.close()
  })

  test('c. a resident opens the works on their building without logging in', async () => {
    const estate = project.estates[0]
    const { context, page: resident, problems: residentProblems } = await openPage(browser, server.baseUrl, PHONE)
    const failures = apiFailures(resident)
    await resident.goto(`/h5/works/${estate.id}`)
    await resident.getByTestId('works-estate').filter({ hasText: estate.name }).waitFor()
    const works = await (await resident.request.get(`/api/v1/public/estates/${estate.id}/works`)).json()
    if (works.notices.length) await resident.getByTestId(`works-notice-${works.notices[0].uid}`).waitFor()
    const href = await resident.getByTestId('works-ics').getAttribute('href')
    assert.equal(href, `/api/v1/public/estates/${estate.id}/works.ics`)
    const ics = await resident.request.get(href)
    assert.equal(ics.status(), 200)
    assert.match(await ics.text(), /BEGIN:VCALENDAR/)
    assert.deepEqual(await axeViolations(resident), [])
    assert.deepEqual(failures, [])
    await shot(resident, 'h5-resident-works')
    await assertClean(resident, residentProblems)
    await context.close()
  })
})
