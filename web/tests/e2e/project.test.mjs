// Browser journey through projects and money (issue #12, docs/project.md) against the real server:
//   a. admin registers two estates through the API (1995 and an extension estate of 2003) and
//      creates this year's annual plan for 青云谱区 through the form (region cascader) → the plan
//      card with its extension-cap gauge
//   b. the reserve pool ranks both estates with their reasons; both selected → "建立项目" makes an
//      area project → its page
//   c. asking for 列入计划 without the willingness consent is refused (409 project.gate_unmet shown
//      with its detail); the consent is recorded with a file (multipart) → the step succeeds
//   d. budget: a catalogue line whose settlement is more than 10 % over its budget → the breach in
//      red on its row and above the table
//   e. funds from several sources through the form (yuan with two decimals) → totals, the
//      execution rate 51.63 % (190.78 ÷ 369.50) and the stacked chart by source
//   f. publicity: a notice published from the project; a resident opens its public page on a phone
//      (no login), objects with name and phone; staff answer; the phone shows the answer without
//      the name
//   g. programme statistics for the region and year, and the Excel report
//   h. a street office and a community user open every project page of their menu on their own
//      scope without a refused request or an error message
// Screenshots: build/e2e/project-*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openPage, screenshot } from './browser.mjs'
import * as fx from './fixtures.mjs'
import { apiClient, apiFailures, assertClean, COMMUNITY_CODE, errorToasts, idNumber, journeyHooks, login, loginAs, seedEstate } from './fixtures.mjs'

const COUNTY = '360104' // 青云谱区
const OLD_ESTATE = '焕新示范一小区'
const EXT_ESTATE = '焕新示范二小区'
const PROJECT_NAME = '洪都片区老旧小区改造'
const NOTICE_TITLE = '洪都片区老旧小区改造方案公示'
const OBJECTOR = { name: '李桂兰', phone: '13900001111' }
const OBJECTION = '希望增加楼道扶手，方便老人上下楼。'
const ANSWER = '已纳入设计方案，楼道扶手随楼道改造一并实施。'
const PHONE = { viewport: { width: 390, height: 844 }, mobile: true }
// A 1×1 PNG: the willingness consent's scanned page.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

const dwellings = (seq) =>
  [101, 102, 201, 202].map((room, i) => ({
    floor: Math.floor(room / 100),
    room: String(room),
    exclusiveArea: 72.5,
    owner: { name: `业主${seq}${i}`, idNumber: idNumber(`1960010${i + 1}`, seq * 10 + i) },
  }))

let server
let browser
let page
let problems
let api
let estateIds = []
let projectId
let noticeId
const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()))

const byTestId = (id) => page.getByTestId(id)
const fill = (testid, value) => fx.fill(page, testid, value)
const settle = (p = page) => fx.settle(p)

/** Picks `text` in an Element Plus select whose dropdown carries `popperClass`. */
async function pick(testid, popperClass, text) {
  await byTestId(testid).click()
  const option = page.locator(`.${popperClass} .el-select-dropdown__item`, text ? { hasText: text } : {}).first()
  await option.click()
}

/** Opens a tab of the project page. */
async function openTab(name) {
  await page.locator(`#tab-${name}`).click()
}

/** The layout scrolls inside its main area: a taller window shows the whole page. */
async function tallScreenshot(name, height = 1800) {
  await page.setViewportSize({ width: 1440, height })
  await page.waitForTimeout(400) // charts resize
  await screenshot(page, name)
  await page.setViewportSize({ width: 1440, height: 900 })
}

describe('project journey', () => {
  journeyHooks('project', (j) => ({ server, browser, page, problems } = j))

  test('a. admin creates the annual plan; the card shows the extension-cap gauge', async () => {
    api = apiClient(page, await login(page))
    for (const [i, [name, builtYear]] of [[OLD_ESTATE, 1995], [EXT_ESTATE, 2003]].entries()) {
      const { estateId } = await seedEstate(api, {
        estate: { name, address: `南昌市青云谱区洪都路 ${i + 1} 号`, builtYear },
        building: { number: '1', floors: 6 },
        dwellings: dwellings(i + 1),
      })
      estateIds.push(estateId)
    }

    await byTestId('menu-group-menu.project').click()
    await byTestId('menu-project-plans').click()
    await page.waitForURL(/\/projects\/plans$/)
    await byTestId('plan-create').click()
    const dialog = byTestId('plan-form')
    await dialog.waitFor()
    await byTestId('plan-form-region').locator('.el-cascader').click()
    const panel = page.locator('.hx-popper-plan-form-region')
    for (const name of ['江西省', '南昌市']) await panel.locator('.el-cascader-node', { hasText: name }).click()
    await panel.locator('.el-cascader-node', { hasText: '青云谱区' }).locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await fill('plan-form-estates', '28')
    await fill('plan-form-households', '1867')
    await (await fx.inputOf(page, 'plan-form-households')).press('Tab')
    await byTestId('plan-form-submit').click()
    await dialog.waitFor({ state: 'hidden' })

    const card = byTestId(`plan-${COUNTY}-${year}`)
    await card.waitFor()
    assert.match(await card.innerText(), /28/)
    assert.match(await card.innerText(), /1867/)
    await card.locator('[data-testid^="plan-gauge-"] canvas').waitFor()
    const plans = (await api('GET', `/plans?regionCode=${COUNTY}&year=${year}`)).items
    assert.equal(plans.length, 1)
    assert.equal(plans[0].targetHouseholds, 1867)
    await settle()
    await screenshot(page, 'project-plan')
    await assertClean(page, problems)
  })

  test('b. the reserve pool ranks the estates; two of them become an area project', async () => {
    await page.goto('/projects/pool')
    await byTestId('pool-table').waitFor()
    for (const id of estateIds) await byTestId(`pool-estate-${id}`).waitFor()
    const rows = page.locator('[data-testid="pool-table"] .el-table__body-wrapper tr')
    assert.ok((await rows.count()) >= 2, 'both estates in the pool')
    await settle()
    await screenshot(page, 'project-pool')

    for (const id of estateIds) {
      await page.locator('[data-testid="pool-table"] .el-table__body-wrapper tr', { has: byTestId(`pool-estate-${id}`) }).locator('.el-checkbox').click()
    }
    await byTestId('pool-create-project').click()
    const dialog = byTestId('project-form')
    await dialog.waitFor()
    await fill('project-form-name', PROJECT_NAME)
    await byTestId('project-form-submit').click()
    await page.waitForURL(/\/projects\/\d+/)
    projectId = Number(new URL(page.url()).pathname.split('/').pop())
    assert.equal((await byTestId('project-title').innerText()).trim(), PROJECT_NAME)
    assert.equal((await byTestId('project-status').innerText()).trim(), '储备')

    const stored = await api('GET', `/projects/${projectId}`)
    assert.equal(stored.kind, 'area')
    assert.deepEqual(stored.estates.map((e) => e.id).sort(), [...estateIds].sort())
    assert.equal(stored.households, 8)
    await assertClean(page, problems)
  })

  test('c. a gate without its documents is refused with the reason; the consent opens it', async () => {
    await openTab('status')
    await byTestId('project-next').waitFor()
    assert.match(await byTestId('project-missing').innerText(), /意愿/)
    await byTestId('project-advance').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await byTestId('project-refusal').waitFor()
    const refusal = await byTestId('project-refusal').innerText()
    assert.match(refusal, /willingness_consent|意愿/)
    assert.equal((await byTestId('project-status').innerText()).trim(), '储备')
    await settle()
    await screenshot(page, 'project-gate-refused')

    await openTab('documents')
    await byTestId('document-add-willingness_consent').click()
    await byTestId('document-form').waitFor()
    await fill('document-form-reference', '洪都街道〔2026〕12号，同意率 87.5%')
    await byTestId('document-form-submit').click()
    await byTestId('document-form').waitFor({ state: 'hidden' })
    const doc = page.locator('[data-testid^="document-upload-"]').first()
    await doc.waitFor()
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), doc.click()])
    await chooser.setFiles({ name: '意愿征询结果.png', mimeType: 'image/png', buffer: PNG })
    await page.locator('[data-testid^="document-file-"]', { hasText: '意愿征询结果.png' }).waitFor()
    const stored = await api('GET', `/projects/${projectId}`)
    const consent = stored.documents.find((d) => d.kind === 'willingness_consent')
    assert.ok(consent?.file, 'the consent carries its file')

    await openTab('status')
    await byTestId('project-advance').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await byTestId('project-status').filter({ hasText: '列入计划' }).waitFor()
    await settle()
    await screenshot(page, 'project-status')
    await assertClean(page, problems)
  })

  test('d. budget: a line settled over its budget by more than 10 % is flagged in red', async () => {
    await openTab('budget')
    await byTestId('budget-add').click()
    await byTestId('budget-form').waitFor()
    await pick('budget-form-item', 'hx-popper-budget-form-item')
    await fill('budget-form-description', '楼道扶手与照明')
    await fill('budget-form-quantity', '100')
    await (await fx.inputOf(page, 'budget-form-quantity')).press('Tab')
    await fill('budget-form-price', '50')
    await fill('budget-form-budget', '5000')
    await fill('budget-form-contract', '5000')
    await fill('budget-form-settlement', '6,000.00')
    await byTestId('budget-form-submit').click()
    await byTestId('budget-form').waitFor({ state: 'hidden' })

    await byTestId('budget-breaches').waitFor()
    const budget = await api('GET', `/projects/${projectId}/budget`)
    assert.equal(budget.lines.length, 1)
    assert.equal(budget.lines[0].estimate, 5000)
    assert.equal(budget.lines[0].settlement, 6000)
    assert.ok(budget.breaches.some((b) => b.lineId === budget.lines[0].id), 'the line breaches its limit')
    const lineId = budget.lines[0].id
    await byTestId(`budget-line-breach-${lineId}`).first().waitFor()
    const row = page.locator('[data-testid="budget-table"] tr.hx-row-breach')
    assert.equal(await row.count(), 1, 'the breaching row is highlighted')
    const color = await byTestId(`budget-line-breach-${lineId}`).first().evaluate((el) => getComputedStyle(el).color)
    assert.match(color, /rgb\(245, 108, 108\)/, 'breach text in the danger colour')
    assert.match(await byTestId('budget-breaches').innerText(), new RegExp(budget.breaches[0].text.slice(0, 6)))
    await settle()
    await screenshot(page, 'project-budget')
    await assertClean(page, problems)
  })

  test('e. funds from several sources: totals, the execution rate and the stacked chart', async () => {
    await openTab('funds')
    await byTestId('funds-figures').waitFor()
    const entries = [
      { source: '中央补助资金', kind: 'committed', amount: '500' },
      { source: '中央补助资金', kind: 'received', amount: '369.50' },
      { source: '中央补助资金', kind: 'paid', amount: '190.78' },
    ]
    for (const e of entries) {
      await byTestId('fund-add').click()
      await byTestId('fund-form').waitFor()
      await pick('fund-form-source', 'hx-popper-fund-form-source', e.source)
      await byTestId(`fund-form-kind-${e.kind}`).click()
      await fill('fund-form-amount', e.amount)
      await byTestId('fund-form-submit').click()
      await byTestId('fund-form').waitFor({ state: 'hidden' })
      await settle()
    }
    // More sources through the API, for the stacked chart.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date())
    for (const [source, amount] of [['local_fiscal', 200], ['utility', 80.5], ['resident', 32]]) {
      await api('POST', `/projects/${projectId}/funds`, { source, kind: 'committed', amount, on: today })
    }
    await page.reload()
    await byTestId('funds-rate').filter({ hasText: '51.63%' }).waitFor()
    assert.equal((await byTestId('funds-received').innerText()).trim(), '369.50')
    assert.equal((await byTestId('funds-paid').innerText()).trim(), '190.78')
    assert.equal((await byTestId('funds-committed').innerText()).trim(), '812.50')
    await byTestId('funds-chart').locator('canvas').waitFor()
    const funds = await api('GET', `/projects/${projectId}/funds`)
    assert.equal(funds.executionRate, 51.63)
    assert.equal(funds.entries.length, 6)
    await settle()
    await tallScreenshot('project-funds')
    await assertClean(page, problems)
  })

  test('f. publicity: a notice, a resident objects on the phone, staff answer', async () => {
    await openTab('publicity')
    await byTestId('notice-create').click()
    await byTestId('notice-form').waitFor()
    await fill('notice-form-title', NOTICE_TITLE)
    await fill('notice-form-body', '根据居民意愿征询结果，现将洪都片区改造方案予以公示：\n一、楼道整治与照明；\n二、雨污分流；\n三、增设口袋公园。')
    await byTestId('notice-form-submit').click()
    await byTestId('notice-form').waitFor({ state: 'hidden' })
    const notices = (await api('GET', `/publicity?projectId=${projectId}`)).items
    assert.equal(notices.length, 1)
    noticeId = notices[0].id
    await byTestId(`notice-status-${noticeId}`).filter({ hasText: '公示中' }).waitFor()

    // The resident: the board's QR code opens the public page, no login.
    const phone = await openPage(browser, server.baseUrl, PHONE)
    const p = phone.page
    await p.goto(`/h5/#/publicity/${noticeId}`)
    await p.getByTestId('publicity-title').waitFor()
    assert.ok(!/\/login/.test(p.url()), 'no login for the public notice')
    assert.equal((await p.getByTestId('publicity-title').innerText()).trim(), NOTICE_TITLE)
    assert.equal((await p.getByTestId('publicity-status').innerText()).trim(), '公示中')
    await p.getByTestId('publicity-content').locator('textarea').fill(OBJECTION)
    await p.getByTestId('publicity-name').locator('input').fill(OBJECTOR.name)
    await p.getByTestId('publicity-phone').locator('input').fill(OBJECTOR.phone)
    await screenshot(p, 'project-h5-publicity-form')
    await p.getByTestId('publicity-submit').click()
    await p.getByTestId('publicity-sent').waitFor()

    // Staff see the name and phone, and answer.
    await byTestId(`notice-open-${noticeId}`).click()
    await byTestId('notice-drawer').waitFor()
    const objection = page.locator('[data-testid^="objection-"]', { hasText: OBJECTION }).first()
    await objection.waitFor()
    assert.match(await objection.innerText(), new RegExp(OBJECTOR.phone))
    const objectionId = (await api('GET', `/publicity/${noticeId}`)).objections[0].id
    await fill(`objection-answer-input-${objectionId}`, ANSWER)
    await byTestId(`objection-answer-submit-${objectionId}`).click()
    await byTestId(`objection-answer-${objectionId}`).waitFor()
    const href = await byTestId('notice-public-link').getAttribute('href')
    assert.match(href, new RegExp(`/h5/#/publicity/${noticeId}$`))
    assert.match(await byTestId('notice-print-link').getAttribute('href'), new RegExp(`/api/v1/public/publicity/${noticeId}/print$`))
    await settle()
    await screenshot(page, 'project-publicity-admin')

    await p.reload()
    await p.getByTestId(`publicity-objection-${objectionId}`).waitFor()
    const shown = await p.getByTestId('publicity-objections').innerText()
    assert.match(shown, new RegExp(ANSWER.slice(0, 8)))
    assert.ok(!shown.includes(OBJECTOR.name) && !shown.includes(OBJECTOR.phone), 'no name or phone on the public page')
    await screenshot(p, 'project-h5-publicity')
    await assertClean(p, phone.problems)
    await phone.context.close()
    await assertClean(page, problems)
  })

  test('g. programme statistics for the county and year, and the Excel report', async () => {
    await page.goto('/projects/stats')
    await byTestId('stats-figures').waitFor()
    await byTestId('stats-filter-region').locator('.el-cascader').click()
    const panel = page.locator('.hx-popper-stats-filter-region')
    for (const name of ['江西省', '南昌市']) await panel.locator('.el-cascader-node', { hasText: name }).click()
    await panel.locator('.el-cascader-node', { hasText: '青云谱区' }).locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await byTestId('stats-search').click()
    await byTestId('stats-estates').filter({ hasText: /\b2\b/ }).waitFor()
    assert.match(await byTestId('stats-households').innerText(), /\b8\b/)
    const stats = await api('GET', `/stats/programme?regionCode=${COUNTY}&year=${year}`)
    assert.equal(stats.estates, 2)
    assert.equal(stats.households, 8)
    await byTestId('stats-pie').locator('canvas').waitFor()
    const [xlsx] = await Promise.all([page.waitForEvent('download'), byTestId('stats-download').click()])
    assert.match(xlsx.suggestedFilename(), /\.xlsx$/)
    await settle()
    await tallScreenshot('project-stats', 1300)
    await assertClean(page, problems)
  })

  test('h. street and community users open every project page on their own scope', async () => {
    const users = [
      { username: 'hongdu_projects', displayName: '洪都街道项目专班', password: 'Street#2026pass', role: 'street', scopeCode: COMMUNITY_CODE.slice(0, 9) },
      { username: 'hongxiang_grid', displayName: '洪翔社区网格员', password: 'Grid#2026pass', role: 'community', scopeCode: COMMUNITY_CODE },
    ]
    const pages = [
      { path: '/projects/plans' },
      { path: '/projects/pool', ready: 'pool-table' },
      { path: '/projects', ready: 'project-table' },
      { path: '/projects/resources', ready: 'resource-table' },
      { path: '/projects/stats', ready: 'stats-figures' },
      { path: `/projects/${projectId}`, ready: 'project-title' },
    ]
    for (const who of users) {
      await api('POST', '/users', who)
      const user = await loginAs(browser, server.baseUrl, who.username, who.password)
      if (!user.user.permissions.includes('project:read')) {
        await user.context.close()
        continue
      }
      const failures = apiFailures(user.page)
      for (const p of pages) {
        await user.page.goto(p.path)
        if (p.ready) await user.page.getByTestId(p.ready).waitFor()
        await user.page.waitForLoadState('networkidle')
        assert.deepEqual(failures, [], `${who.username} on ${p.path}: no request refused`)
        assert.deepEqual(await errorToasts(user.page), [], `${who.username} on ${p.path}: no error message`)
      }
      await assertClean(user.page, user.problems)
      await user.context.close()
    }
  })
})
