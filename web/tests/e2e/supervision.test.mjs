// Browser journey through supervision and resident tickets (issue #14, docs/supervision.md,
// docs/ticket.md) on the demo data (`huanxin demo`: the 洪都 area project has supervisors,
// responsible units, two inspections and five rectification orders — one overdue at level 1 —
// and eight tickets in 洪都街道):
//   a. on a phone (390×844) the street office inspects offline: a finding with a camera photo
//      waits on the phone's outbox, and goes (once, by clientId) when the phone is back online
//   b. the rectification board shows the orders with their deadlines, overdue and escalation
//      levels in colour, filters them, and re-checks a replied order (closed)
//   c. a resident files a ticket on a phone without logging in and gets its code; the street
//      office moves it to resolved in the queue; the resident follows it by code and rates it;
//      axe-core (WCAG 2 A/AA) on the public pages
// Screenshots: build/e2e/supervision-*.png and /tmp/web14-shots/*.png.
import { axeViolations } from './axe.mjs'
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { openPage, PHONE, PNG_1PX, shooter } from './browser.mjs'
import { apiClient, apiFailures, assertClean, errorToasts, fill, journeyHooks, login, loginAs, settle } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const PNG = PNG_1PX
const shot = shooter('supervision', process.env.WEB14_SHOTS ?? '/tmp/web14-shots')

let server
let browser
let page
let problems
let api
let project

describe('supervision and resident tickets journey', () => {
  journeyHooks('supervision', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('a. on a phone, an inspection with a finding and a photo made offline is sent once back online', async () => {
    const { context, page: phone, problems: phoneProblems, api: phoneApi } = await loginAs(browser, server.baseUrl, 'hongdu.street', DEMO_PASSWORD, PHONE)
    project = (await phoneApi('GET', '/projects?pageSize=100')).items.find((p) => p.kind === 'area')
    assert.ok(project, 'the demo has an area project')
    const checklist = (await phoneApi('GET', '/supervision/checklist')).items
    const before = (await phoneApi('GET', `/projects/${project.id}/inspections`)).items.length

    await phone.goto('/h5/')
    await phone.getByTestId('module-supervision').click()
    await phone.waitForURL(/\/h5\/supervision$/)
    await phone.getByTestId(`sup-h5-project-${project.id}`).click()
    await phone.waitForURL(new RegExp(`/h5/supervision/${project.id}$`))
    // The checklist is the API's data, in its order.
    const items = phone.getByTestId('sup-h5-checklist').locator('[data-testid^="sup-h5-item-"]')
    await items.first().waitFor()
    assert.deepEqual(
      await items.evaluateAll((els) => els.map((e) => e.dataset.testid.slice('sup-h5-item-'.length))),
      [...checklist].sort((a, b) => a.position - b.position).map((i) => i.code),
    )
    await phone.getByTestId('sup-sync-bar').and(phone.locator('[data-state="synced"]')).waitFor()

    await context.setOffline(true)
    await phone.getByTestId('sup-sync-bar').and(phone.locator('[data-state="offline"]')).waitFor()
    await phone.getByTestId('sup-h5-place').locator('input').fill('洪都新村 3 栋北侧')
    await phone.getByTestId('sup-h5-check-civilised').click()
    await phone.getByTestId('sup-h5-text-civilised').locator('textarea').fill('施工围挡缺失一段，渣土未覆盖')
    const camera = phone.getByTestId('sup-h5-photo-civilised').locator('input[type=file]')
    assert.equal(await camera.getAttribute('capture'), 'environment', 'the camera opens on the back')
    await camera.setInputFiles({ name: '围挡.png', mimeType: 'image/png', buffer: PNG })
    await phone.getByTestId('sup-h5-photo-civilised').locator('.van-uploader__preview').waitFor()
    await shot(phone, 'h5-inspection-form')
    await phone.getByTestId('sup-h5-submit').click()
    const mine = phone.locator('[data-testid^="sup-h5-inspection-"]').first()
    await mine.and(phone.locator('[data-state="pending"]')).waitFor()
    const clientId = (await mine.getAttribute('data-testid')).slice('sup-h5-inspection-'.length)
    assert.match(await phone.getByTestId('sup-sync-text').innerText(), /离线 · 1 条待上传/)
    await shot(phone, 'h5-inspection-offline')

    await context.setOffline(false)
    await mine.and(phone.locator('[data-state="synced"]')).waitFor({ timeout: 30_000 })
    await phone.getByTestId('sup-sync-bar').and(phone.locator('[data-state="synced"]')).waitFor()
    const after = (await phoneApi('GET', `/projects/${project.id}/inspections`)).items
    assert.equal(after.length, before + 1, 'stored once')
    const stored = after.find((i) => i.clientId === clientId)
    assert.ok(stored, `the inspection with clientId ${clientId}`)
    assert.equal(stored.place, '洪都新村 3 栋北侧')
    assert.deepEqual(stored.findings.map((f) => [f.itemCode, f.text, f.photoFileIds.length]), [['civilised', '施工围挡缺失一段，渣土未覆盖', 1]])
    await shot(phone, 'h5-inspection-synced')
    await assertClean(phone, phoneProblems)
    await context.close()
  })

  test('b. the rectification board shows deadlines, overdue and levels, filters, and re-checks an order', async () => {
    const failures = apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/)
    api = apiClient(page, await login(page, 'hongdu.street', DEMO_PASSWORD))
    const orders = (await api('GET', '/rectifications')).items
    const overdue = orders.filter((o) => o.overdue)
    assert.ok(overdue.some((o) => o.level >= 1), `an order escalated in the demo: ${JSON.stringify(orders.map((o) => [o.id, o.status, o.level]))}`)

    // The home card of the step, then the board from the menu.
    await page.getByTestId('step-supervision').waitFor()
    await page.getByTestId('menu-group-menu.supervision').click()
    await page.getByTestId('menu-supervision-board').click()
    await page.waitForURL(/\/supervision$/)
    const table = page.getByTestId('rect-table')
    await table.locator('.el-table__row').nth(orders.length - 1).waitFor()
    for (const o of orders) {
      assert.equal((await page.getByTestId(`rect-due-${o.id}`).innerText()).trim(), o.dueOn)
      assert.equal(await page.getByTestId(`rect-level-${o.id}`).getAttribute('data-level'), String(o.level))
      const status = (await page.getByTestId(`rect-status-tag-${o.id}`).innerText()).trim()
      if (o.overdue && o.status !== 'closed') {
        assert.equal(status, '已逾期')
        assert.match(await page.getByTestId(`rect-deadline-${o.id}`).innerText(), /逾期 \d+ 天/)
      }
    }
    const escalated = overdue.find((o) => o.level === 1)
    assert.match(await page.getByTestId(`rect-level-${escalated.id}`).innerText(), /街道督办/)
    assert.ok((await page.getByTestId(`rect-level-${escalated.id}`).getAttribute('class')).includes('el-tag--warning'), 'level 1 in orange')
    await shot(page, 'admin-rectification-board')

    // Filters: overdue, then level 1.
    await Promise.all([page.waitForResponse((r) => r.url().includes('/rectifications?status=overdue')), page.getByTestId('rect-status-overdue').click()])
    await table.locator('.el-table__row').first().waitFor()
    assert.equal(await table.locator('.el-table__row').count(), overdue.length)

    // The phone's finding (test a) becomes an order to a named unit, due in working days.
    await page.getByTestId('rect-reset').click()
    const found = (await api('GET', `/projects/${project.id}/inspections`)).items.flatMap((i) => i.findings).find((f) => f.text === '施工围挡缺失一段，渣土未覆盖')
    assert.ok(found, 'the offline finding reached the server')
    const unit = (await api('GET', '/responsible-units')).items[0]
    await page.getByTestId('rect-issue').click()
    const dialog = page.getByTestId('rect-issue-dialog')
    await dialog.getByTestId('rect-issue-project').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: project.name }).first().click()
    await dialog.getByTestId('rect-issue-finding').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: '施工围挡缺失一段' }).first().click()
    assert.equal(await dialog.getByTestId('rect-issue-text').inputValue(), found.text, 'the finding carried over')
    await dialog.getByTestId('rect-issue-unit').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: unit.company }).first().click()
    await dialog.getByTestId('rect-issue-days').locator('input').fill('3')
    await shot(page, 'admin-rectification-issue')
    const [issuedAnswer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/rectifications') && r.request().method() === 'POST'),
      dialog.getByTestId('rect-issue-save').click(),
    ])
    assert.equal(issuedAnswer.status(), 201)
    const issued = await issuedAnswer.json()
    assert.deepEqual([issued.findingId, issued.unitId, issued.dueInWorkingDays, issued.status, issued.photoFileIds], [found.id, unit.id, 3, 'open', found.photoFileIds])
    await page.getByTestId(`rect-due-${issued.id}`).waitFor()
    assert.equal((await page.getByTestId(`rect-due-${issued.id}`).innerText()).trim(), issued.dueOn)
    await page.getByTestId('order-photo-pair').waitFor()
    await page.keyboard.press('Escape')

    // Re-check a replied order: closed.
    const replied = orders.find((o) => o.status === 'replied')
    await page.getByTestId('rect-reset').click()
    await page.getByTestId(`rect-open-${replied.id}`).click()
    await page.getByTestId('order-photo-pair').waitFor()
    await shot(page, 'admin-rectification-order')
    await page.getByTestId('order-pass').click()
    await page.locator('.el-message--success').filter({ hasText: '已复查' }).waitFor()
    assert.equal((await api('GET', `/rectifications/${replied.id}`)).status, 'closed')

    // The scores and the quality register from the order.
    await page.getByTestId('order-register').click()
    await page.waitForURL(/\/supervision\/register\?/)
    await page.getByTestId('register-from-defect').waitFor()
    await page.getByTestId('register-table').locator('.el-table__row').first().waitFor()
    await settle(page)
    await shot(page, 'admin-quality-register')
    await page.getByTestId('menu-supervision-scores').click()
    await page.getByTestId('scores-table').locator('.el-table__row').first().waitFor()
    await shot(page, 'admin-scores')
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, problems)
  })

  test('c. a resident files a ticket on a phone, staff resolve it, the resident rates it', async () => {
    const estateId = (await api('GET', '/tickets')).items.find((x) => x.estateId)?.estateId
    assert.ok(estateId, 'a demo ticket names an estate')
    const { context, page: resident, problems: residentProblems } = await openPage(browser, server.baseUrl, PHONE)
    const failures = apiFailures(resident)
    // The stairwell board's QR code: the residents' link carries the estate's key, which lists the
    // building contacts (published phones only); the open web without it lists nobody.
    const staffContacts = await api('GET', `/estates/${estateId}/contacts`)
    assert.ok(staffContacts.items.length > 0, 'the demo estate has building contacts')
    const residentLink = new URL(staffContacts.residentUrl)
    const key = new URLSearchParams(residentLink.hash.split('?')[1]).get('key')
    assert.match(key, /^[0-9a-f]{16}$/)
    const noKey = await fetch(`${server.baseUrl}/api/v1/public/estates/${estateId}/contacts`)
    assert.equal(noKey.status, 403)
    await resident.goto(`${residentLink.pathname}${residentLink.hash}`)
    const contactsBlock = resident.getByTestId('ticket-contacts')
    await contactsBlock.waitFor()
    const shownContacts = await contactsBlock.innerText()
    for (const c of staffContacts.items) {
      if (c.phonePublic) assert.ok(shownContacts.includes(c.phone), `published phone ${c.phone} shown`)
      else assert.ok(!shownContacts.includes(c.phone), `private phone ${c.phone} not shown`)
    }
    const category = resident.getByTestId('ticket-category')
    await category.locator('option:not([disabled])').first().waitFor({ state: 'attached' })
    await category.selectOption('civilised_construction')
    await resident.getByTestId('ticket-target').filter({ hasText: /承诺时限：\d+ 个工作(小时|日)/ }).waitFor()
    await resident.getByTestId('ticket-content').locator('textarea').fill('3 栋旁工地晚上十点后还在切割，噪声很大')
    await resident.getByTestId('ticket-phone').locator('input').fill('13907005555')
    await resident.getByTestId('ticket-photo').locator('input[type=file]').setInputFiles({ name: '工地.png', mimeType: 'image/png', buffer: PNG })
    await resident.getByTestId('photo-picker-item').waitFor()
    assert.deepEqual(await axeViolations(resident), [], 'the filing page (WCAG 2 A/AA)')
    await shot(resident, 'h5-ticket-form')
    await resident.getByTestId('ticket-submit').click()
    const code = (await resident.getByTestId('ticket-code').innerText()).trim()
    assert.match(code, /^T[0-9A-F]{12}$/)
    assert.deepEqual(await axeViolations(resident), [], 'the receipt (WCAG 2 A/AA)')
    await shot(resident, 'h5-ticket-code')

    // The street office handles it in the queue: accepted → in progress → resolved.
    const ticket = (await api('GET', '/tickets?pageSize=100')).items.find((x) => x.code === code)
    assert.ok(ticket, `the street office sees ${code}`)
    assert.equal(ticket.phone, '13907005555')
    assert.ok(ticket.department, 'routed to a department')
    await page.getByTestId('menu-group-menu.tickets').click()
    await page.getByTestId('menu-ticket-queue').click()
    await page.getByTestId(`tq-code-${ticket.id}`).waitFor()
    assert.match(await page.getByTestId(`tq-due-${ticket.id}`).getAttribute('data-due'), /^(ok|soon|overdue)$/)
    await shot(page, 'admin-ticket-queue')
    for (const to of ['accepted', 'in_progress', 'resolved']) {
      await page.getByTestId(`tq-move-${ticket.id}`).click()
      await page.getByTestId(`tq-to-${to}`).click()
      if (to === 'resolved') await fill(page, 'tq-move-note', '已要求施工单位晚上 10 点后停止切割作业')
      const [moved] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/tickets/${ticket.id}/transitions`)),
        page.getByTestId('tq-move-submit').click(),
      ])
      assert.equal(moved.status(), 200, await moved.text())
      await page.getByTestId(`tq-status-${ticket.id}`).filter({ hasText: { accepted: '已受理', in_progress: '处理中', resolved: '已解决' }[to] }).waitFor()
    }
    await settle(page)
    await shot(page, 'admin-ticket-resolved')

    // The resident follows it by code and rates it: closed.
    await resident.getByTestId('ticket-follow').click()
    await resident.waitForURL(new RegExp(`/h5/tickets/${code}$`))
    await resident.getByTestId('follow-answer').filter({ hasText: '停止切割' }).waitFor()
    assert.equal(await resident.getByTestId('follow-status').getAttribute('data-status'), 'resolved')
    await resident.getByTestId('follow-star-4').click()
    // The send button leaves its disabled look (a fade) before axe measures its contrast.
    await resident.waitForFunction(() => getComputedStyle(document.querySelector('[data-testid="follow-rate"]')).opacity === '1')
    assert.deepEqual(await axeViolations(resident), [], 'the follow-up page (WCAG 2 A/AA)')
    await shot(resident, 'h5-ticket-follow')
    await resident.getByTestId('follow-rate').click()
    await resident.getByTestId('follow-rating').waitFor()
    assert.equal(await resident.getByTestId('follow-status').getAttribute('data-status'), 'closed')
    const pub = await (await resident.request.get(`/api/v1/public/tickets/${code}`)).json()
    assert.equal(pub.rating, 4)
    assert.equal(pub.canReopen, true, 'one reopening is left')
    await shot(resident, 'h5-ticket-rated')
    assert.deepEqual(failures, [])
    await assertClean(resident, residentProblems)
    await context.close()

    // Figures count it.
    await page.getByTestId('menu-ticket-figures').click()
    await page.getByTestId('tf-total').waitFor()
    await page.getByTestId('tf-byCategory').locator('.el-table__row').first().waitFor()
    await shot(page, 'admin-ticket-figures')
    await assertClean(page, problems)
  })
})
