// Browser journey through acceptance and warranty (issue #14, docs/acceptance.md) on the demo
// data (`huanxin demo`: the 洪都 area project is still pending acceptance; 电机厂花园 was accepted
// two years ago, so its roof and walls are under warranty and its pipes are not):
//   a. on a phone (390×844) the street office takes household acceptance at the door: a
//      signature drawn on the pad with the mouse (cleared and redrawn) is uploaded as a PNG and
//      the acceptance readable by the API with its signatureFileId; a refusal with its reason
//   b. the refusal is on the admin punch list; completion acceptance is refused while it is
//      open (the API's 422 shown on the form) and passes once waived with a reason; the
//      permanent sign prints and the handover is recorded
//   c. the warranties show the days left in colour (running, expired) and open the quality
//      register at the item
// The pages need a login (no axe run: none is public). Screenshots: build/e2e/acceptance-*.png
// and /tmp/accweb-shots/*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { PHONE, shooter } from './browser.mjs'
import { apiClient, apiFailures, assertClean, errorToasts, fill, inputOf, journeyHooks, login, loginAs, settle } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const shot = shooter('acceptance', process.env.ACCWEB_SHOTS ?? '/tmp/accweb-shots')
const REFUSAL = '北侧卧室窗框与墙体间有缝隙，下雨渗水'

let server
let browser
let page
let problems
let project
let refusedDwelling

/** Draws a stroke across the pad with the mouse (pointer events), `dy` pixels below its top. */
async function sign(phone, dy) {
  const box = await phone.getByTestId('acc-h5-pad').boundingBox()
  await phone.mouse.move(box.x + 30, box.y + dy)
  await phone.mouse.down()
  for (let i = 1; i <= 12; i++) await phone.mouse.move(box.x + 30 + i * 20, box.y + dy + (i % 2 ? 30 : -10))
  await phone.mouse.up()
}

describe('acceptance and warranty journey', () => {
  journeyHooks('acceptance', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('a. on a phone, a household acceptance signed on the pad is saved; a refusal with its reason', async () => {
    const { context, page: phone, problems: phoneProblems, api } = await loginAs(browser, server.baseUrl, 'hongdu.street', DEMO_PASSWORD, PHONE)
    const failures = apiFailures(phone)
    project = (await api('GET', '/projects?pageSize=100')).items.find((p) => p.kind === 'area')
    assert.ok(project, 'the demo has an area project')
    assert.equal((await api('GET', `/projects/${project.id}/acceptance`)).status, 'pending')

    await phone.goto('/h5/')
    await phone.getByTestId('module-acceptance').waitFor()
    await shot(phone, 'h5-home')
    await phone.getByTestId('module-acceptance').click()
    await phone.waitForURL(/\/h5\/acceptance$/)
    await phone.getByTestId(`acc-h5-project-${project.id}`).click()
    await phone.waitForURL(new RegExp(`/h5/acceptance/${project.id}$`))
    assert.equal(await phone.getByTestId('acc-h5-work').inputValue(), 'windows')
    const cells = phone.locator('[data-testid^="acc-h5-dwelling-"]')
    await cells.nth(1).waitFor()
    const [first, second] = await cells.evaluateAll((els) => els.slice(0, 2).map((e) => Number(e.dataset.testid.slice('acc-h5-dwelling-'.length))))

    // Sign: an empty pad is refused, a cleared one too; drawn again it is saved.
    await phone.getByTestId(`acc-h5-dwelling-${first}`).click()
    await phone.getByTestId('acc-h5-pad').scrollIntoViewIfNeeded()
    assert.equal(await phone.getByTestId('acc-h5-pad').getAttribute('data-signed'), 'no')
    await sign(phone, 60)
    assert.equal(await phone.getByTestId('acc-h5-pad').getAttribute('data-signed'), 'yes')
    await phone.getByTestId('acc-h5-clear').click()
    assert.equal(await phone.getByTestId('acc-h5-pad').getAttribute('data-signed'), 'no')
    await phone.getByTestId('acc-h5-accept').click()
    await phone.locator('.van-toast').filter({ hasText: '请先签名' }).waitFor()
    await phone.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await sign(phone, 50)
    await sign(phone, 110)
    await shot(phone, 'h5-signature')
    const [saved] = await Promise.all([
      phone.waitForResponse((r) => r.url().endsWith(`/household-acceptance/${first}`) && r.request().method() === 'PUT'),
      phone.getByTestId('acc-h5-accept').click(),
    ])
    assert.equal(saved.status(), 200, await saved.text())
    await phone.getByTestId(`acc-h5-dwelling-${first}`).and(phone.locator('[data-result="accepted"]')).waitFor()
    assert.equal(await phone.getByTestId('acc-h5-pad').getAttribute('data-signed'), 'no', 'the pad is cleared for the next one')

    const stored = (await api('GET', `/projects/${project.id}/household-acceptance`)).items.find((h) => h.dwellingId === first)
    assert.ok(stored, 'the acceptance is readable by the API')
    assert.equal(stored.result, 'accepted')
    assert.equal(stored.work, 'windows')
    assert.ok(Number.isInteger(stored.signatureFileId), `a signature file id: ${JSON.stringify(stored)}`)
    const png = await phone.request.get(`/api/v1/files/${stored.signatureFileId}`)
    assert.equal(png.status(), 200)
    const bytes = await png.body()
    assert.equal(bytes.subarray(1, 4).toString(), 'PNG', 'the signature is a PNG')
    assert.ok(bytes.length > 1000, `the drawn strokes are in it (${bytes.length} bytes)`)

    // Refuse with a reason: it goes on the punch list.
    await phone.getByTestId(`acc-h5-dwelling-${second}`).click()
    assert.ok(await phone.getByTestId('acc-h5-refuse').isDisabled(), 'a refusal needs its reason')
    await phone.getByTestId('acc-h5-reason').locator('textarea').fill(REFUSAL)
    await phone.getByTestId('acc-h5-refuse').click()
    await phone.getByTestId(`acc-h5-dwelling-${second}`).and(phone.locator('[data-result="refused"]')).waitFor()
    refusedDwelling = second
    await phone.locator('.van-toast').first().waitFor({ state: 'hidden' })
    await phone.evaluate(() => window.scrollTo(0, 0))
    await shot(phone, 'h5-grid')
    assert.deepEqual(failures, [])
    await assertClean(phone, phoneProblems)
    await context.close()
  })

  test('b. the refusal on the punch list holds completion acceptance until waived with a reason; sign and handover', async () => {
    const failures = apiFailures(page, /^(GET \/api\/v1\/auth\/me → 401|POST \/api\/v1\/projects\/\d+\/acceptance → 422)$/)
    const api = apiClient(page, await login(page, 'hongdu.street', DEMO_PASSWORD))

    // From the project's page.
    await page.goto(`/projects/${project.id}`)
    await page.getByTestId('project-acceptance').click()
    await page.waitForURL(new RegExp(`/acceptance\\?projectId=${project.id}$`))
    await page.getByTestId('acc-form').waitFor()
    assert.match(await page.getByTestId('acc-status').innerText(), /待验收/)
    const punch = (await api('GET', `/projects/${project.id}/acceptance`)).punchList
    assert.equal(punch.length, 1)
    assert.equal(punch[0].dwellingId, refusedDwelling)
    assert.match(await page.getByTestId('acc-punch-text-0').innerText(), new RegExp(REFUSAL))

    // The participants, one checklist item, one new entry resolved.
    for (const [role, name] of [
      ['client', '洪都街道办事处'],
      ['design', '江西省城乡规划设计研究院'],
      ['construction', '南昌市第三建筑工程有限公司'],
      ['supervision', '江西中昌工程咨询监理有限公司'],
      ['resident_representative', '张德明、王秀英'],
      ['property_company', '南昌洪城物业服务有限公司'],
    ])
      await fill(page, `acc-name-${role}`, name)
    await page.getByTestId('acc-missing').waitFor({ state: 'detached' })
    await page.getByTestId('acc-item-code-0').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'B12' }).click()
    await fill(page, 'acc-item-criteria-0', '方案、屋面防水质量、竣工资料')
    await (await inputOf(page, 'acc-item-criteria-0')).press('Enter')
    const score = await inputOf(page, 'acc-score-0-屋面防水质量')
    await score.fill('4')
    await score.blur()
    await page.getByTestId('acc-points').filter({ hasText: '14 / 15' }).waitFor()
    await page.getByTestId('acc-punch-add').click()
    await fill(page, 'acc-punch-text-1', '5栋东侧雨水篦子缺失')
    await page.getByTestId('acc-punch-1-resolved').click()
    assert.match(await page.getByTestId('acc-gate').innerText(), /1 项未整改/)

    // Refused while the household entry is open: the API's message on the form.
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/projects/${project.id}/acceptance`) && r.request().method() === 'POST'),
      page.getByTestId('acc-submit').click(),
    ])
    assert.equal(refused.status(), 422)
    const message = (await refused.json()).error.message
    assert.equal((await page.getByTestId('acc-refusal').innerText()).trim(), message)
    await shot(page, 'admin-acceptance-refused')
    assert.equal((await api('GET', `/projects/${project.id}/acceptance`)).status, 'pending', 'nothing stored')

    // Waived with a reason: accepted.
    await page.getByTestId('acc-punch-0-waived').click()
    assert.match(await page.getByTestId('acc-gate').innerText(), /1 项免于整改未写理由/)
    await fill(page, 'acc-punch-reason-0', '住户同意由物业在保修期内跟进维修')
    await page.getByTestId('acc-gate').waitFor({ state: 'detached' })
    await page.getByTestId('acc-submit').click()
    await page.getByTestId('acc-record').waitFor()
    assert.match(await page.getByTestId('acc-status').innerText(), /已验收/)
    const accepted = await api('GET', `/projects/${project.id}/acceptance`)
    assert.equal(accepted.status, 'accepted')
    assert.deepEqual(accepted.punchList.map((p) => [p.status, p.waiverReason]).sort(), [['resolved', ''], ['waived', '住户同意由物业在保修期内跟进维修']])
    assert.deepEqual(accepted.acceptance.checklist.map((c) => [c.itemCode, c.scores]), [['B12', { 方案: 5, 屋面防水质量: 4, 竣工资料: 5 }]])
    await settle(page)
    await shot(page, 'admin-acceptance-accepted')

    // The permanent sign prints in a tab of its own.
    const [sign] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('acc-sign-print').click()])
    await sign.waitForLoadState()
    assert.match(await sign.locator('body').innerText(), new RegExp(project.name))
    await shot(sign, 'admin-sign-print')
    await sign.close()

    // The handover, to the property company named at acceptance.
    assert.equal(await (await inputOf(page, 'acc-handover-receiver')).inputValue(), '南昌洪城物业服务有限公司')
    await fill(page, 'acc-handover-note', '街道组织联合查验后移交')
    await page.getByTestId('acc-handover-submit').click()
    await page.getByTestId('acc-handover-recorded').filter({ hasText: '南昌洪城物业服务有限公司' }).waitFor()
    assert.equal((await api('GET', `/projects/${project.id}/acceptance`)).status, 'handed_over')
    await settle(page)
    await shot(page, 'admin-handover')
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, problems)
  })

  test('c. the warranties show the days left in colour and open the quality register', async () => {
    const failures = apiFailures(page)
    await page.getByTestId('acc-to-warranties').click()
    await page.waitForURL(new RegExp(`/acceptance/warranties\\?projectId=${project.id}$`))
    const ours = page.getByTestId(`war-left-${project.id}-B12`)
    await ours.waitFor()
    assert.equal(await ours.getAttribute('data-state'), 'running')
    // Accepted today: 5 years of waterproofing.
    const days = Number(/(\d+) 天/.exec(await ours.innerText())[1])
    assert.ok(days >= 1826 && days <= 1827, `5 years left: ${days}`)

    // The demo's project accepted two years ago, from the menu: roof running, pipes over.
    const old = (await (await page.request.get('/api/v1/projects?pageSize=100')).json()).items.find((p) => p.name.includes('已竣工'))
    const warranties = (await (await page.request.get(`/api/v1/projects/${old.id}/warranties`)).json()).items
    await page.getByTestId('menu-acceptance-warranties').click()
    await page.getByTestId('war-q-project').click()
    await page.locator('.el-select-dropdown__item:visible').filter({ hasText: old.name }).click()
    for (const w of warranties) {
      const tag = page.getByTestId(`war-left-${old.id}-${w.itemCode}`)
      await tag.waitFor()
      if (w.running) {
        assert.equal((await tag.innerText()).trim(), `${w.daysLeft} 天`)
        assert.ok((await tag.getAttribute('class')).includes(w.daysLeft <= 90 ? 'el-tag--warning' : 'el-tag--success'))
      } else {
        assert.equal((await tag.innerText()).trim(), '已过保修期')
        assert.ok((await tag.getAttribute('class')).includes('el-tag--danger'), 'expired in red')
      }
    }
    assert.ok(warranties.some((w) => w.running) && warranties.some((w) => !w.running), 'the demo has both')
    await settle(page)
    await shot(page, 'admin-warranties')

    await page.getByTestId(`war-register-${old.id}-B12`).click()
    await page.waitForURL(new RegExp(`/supervision/register\\?projectId=${old.id}&itemCode=B12$`))
    await page.getByTestId('register-table').waitFor()
    assert.equal(await (await inputOf(page, 'register-q-item')).inputValue(), 'B12')
    await settle(page)
    await shot(page, 'admin-register-from-warranty')
    assert.deepEqual(await errorToasts(page), [])
    assert.deepEqual(failures, [])
    await assertClean(page, problems)
  })
})
