// The check-up (issue #4) end to end: a campaign for an estate with two buildings, assigned to
// a grid worker; on a phone the worker records three observations while offline (graded on the
// phone, queued in IndexedDB with a photo), sees them sync once back online — exactly once,
// even when the phone sends the batch again — and submits; the admin reviews (photos), approves,
// and downloads the estate report (PDF, checked with pdftotext) and the area workbook.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import zlib from 'node:zlib'
import { openPage, screenshot } from './browser.mjs'
import { apiClient, assertClean, COMMUNITY_CODE, fill, journeyHooks, login, settle } from './fixtures.mjs'
import { artifactsDir } from './server.mjs'

const GRID = { username: 'grid_wang', displayName: '王网格', password: 'Grid#2026pass' }
const YEAR = 2026
// Failed requests the journey provokes on purpose: the phone is offline for a while.
const EXPECTED_ERRORS = /status of (40[1349]|422)|ERR_INTERNET_DISCONNECTED|Failed to fetch/

/** A small valid PNG (a red square), as the phone's camera would hand over a picture. */
function pngBytes(size = 16) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type), data])
    const sum = Buffer.alloc(4)
    sum.writeUInt32BE(crc(body))
    return Buffer.concat([len, body, sum])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, Buffer.from([220, 60, 40]))])
  const raw = Buffer.concat(Array.from({ length: size }, () => row))
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))])
}

/** A phone screenshot of what the screen shows (fixed bars stay where the user sees them). */
async function phoneShot(phone, name) {
  await phone.locator('.van-toast').first().waitFor({ state: 'hidden', timeout: 8_000 }).catch(() => {})
  mkdirSync(artifactsDir, { recursive: true })
  await phone.screenshot({ path: join(artifactsDir, `${name}.png`), animations: 'disabled' })
}

describe('check-up: offline capture on a phone, review and reports', () => {
  let server
  let browser
  let page
  let problems
  let api
  let estateId
  let buildingIds
  let campaign

  journeyHooks('checkup', (started) => {
    ;({ server, browser, page, problems } = started)
  })

  test('a. set-up through the API: estate, grid worker, campaign, assignment', async () => {
    const csrf = await login(page)
    api = apiClient(page, csrf)
    ;({ id: estateId } = await api('POST', '/estates', { regionCode: COMMUNITY_CODE, name: '青云谱体检小区', address: '洪都南大道 88 号', builtYear: 1993 }))
    buildingIds = []
    for (const number of ['1', '2']) {
      const b = await api('POST', `/estates/${estateId}/buildings`, { number, floors: 6, stairwells: 2 })
      buildingIds.push(b.id)
    }
    await api('POST', `/buildings/${buildingIds[0]}/dwellings`, { stairwell: 1, floor: 1, room: '101', exclusiveArea: '62.5', areaSource: 'registered', saleStatus: 'sold' })
    const grid = await api('POST', '/users', { ...GRID, role: 'community', scopeCode: COMMUNITY_CODE })
    campaign = await api('POST', '/checkups', { title: `${YEAR}年洪都街道住房与小区体检`, year: YEAR, regionCode: COMMUNITY_CODE.slice(0, 9), estateIds: [estateId] })
    assert.deepEqual(campaign.estates.map((e) => e.status), ['draft'])

    // The admin assigns the estate from the campaign page (only covering grid workers are offered).
    await page.goto(`/checkups/${campaign.id}`)
    await page.getByTestId(`estate-assign-${estateId}`).click()
    await page.getByTestId('checkup-assign-user').click()
    await page.locator('.hx-popper-checkup-assign-user').getByText(GRID.displayName).click()
    await page.getByTestId('checkup-assign-submit').click()
    await page.getByTestId(`estate-assignee-${estateId}`).filter({ hasText: GRID.username }).waitFor()
    const after = await api('GET', `/checkups/${campaign.id}`)
    assert.equal(after.estates[0].assignee.id, grid.id)
  })

  test('b. the grid worker records three observations offline, syncs them once, submits', async () => {
    const { context, page: phone, problems: phoneProblems } = await openPage(browser, server.baseUrl, {
      viewport: { width: 390, height: 844 },
      mobile: true,
    })
    await phone.goto('/h5/login')
    await phone.getByTestId('login-username').locator('input').fill(GRID.username)
    await phone.getByTestId('login-password').locator('input').fill(GRID.password)
    await phone.getByTestId('login-submit').click()
    await phone.waitForURL((url) => url.pathname === '/h5/')
    await phone.getByTestId('module-checkup').click()
    await phone.waitForURL(/\/h5\/checkup$/)
    await phone.getByTestId(`capture-estate-${estateId}`).waitFor()
    await phoneShot(phone, 'checkup-h5-campaigns')
    await phone.getByTestId(`capture-estate-${estateId}`).click()
    await phone.getByTestId(`capture-building-${buildingIds[1]}`).waitFor()
    await phone.getByTestId('sync-bar').and(phone.locator('[data-state="synced"]')).waitFor()
    // Everything the estate needs offline is on the phone, and the service worker is running.
    await phone.waitForFunction(
      (keys) =>
        new Promise((resolve) => {
          const open = indexedDB.open('hx-checkup')
          open.onsuccess = () => {
            const req = open.result.transaction('cache').objectStore('cache').getAllKeys()
            req.onsuccess = () => resolve(keys.every((k) => req.result.includes(k)))
            req.onerror = () => resolve(false)
          }
          open.onerror = () => resolve(false)
        }),
      [`campaign:${campaign.id}`, `catalog:${campaign.catalogId}`, `buildings:${estateId}`, `dwellings:${buildingIds[0]}`],
    )
    assert.ok(await phone.evaluate(async () => !!(await navigator.serviceWorker.ready).active), 'the service worker is active')
    await phoneShot(phone, 'checkup-h5-estate')

    await context.setOffline(true)
    await phone.getByTestId('sync-bar').and(phone.locator('[data-state="offline"]')).waitFor()

    // 1. Building 1: facade finish loss of 18 ㎡ → 较大隐患 (graded on the phone).
    await phone.getByTestId(`capture-building-${buildingIds[0]}`).click()
    await phone.getByTestId('crit-H04.finish_loss-value').fill('18')
    assert.equal((await phone.getByTestId('crit-H04.finish_loss-severity').innerText()).trim(), '较大隐患')
    await phone.getByTestId('crit-H04.finish_loss-note').fill('东立面空鼓脱落')
    await phone.getByTestId('crit-H04.finish_loss').evaluate((el) => el.scrollIntoView({ block: 'center' }))
    await phoneShot(phone, 'checkup-h5-checklist')
    await phone.getByTestId('checklist-save').click()
    await phone.getByTestId(`capture-record-H04.finish_loss`).waitFor()

    // 2. Building 2: stairwell lighting broken (a flag).
    await phone.getByTestId(`capture-building-${buildingIds[1]}`).click()
    await phone.getByTestId('crit-H03.lighting-switch').click()
    await phone.getByTestId('checklist-save').click()
    await phone.getByTestId(`capture-record-H03.lighting`).waitFor()

    // 3. The estate: no waste sorting, with a photo from the camera.
    await phone.getByTestId('capture-estate-level').click()
    await phone.getByTestId('crit-C19.not_sorted-switch').click()
    await phone.getByTestId('crit-C19.not_sorted-photo').setInputFiles({ name: 'waste.png', mimeType: 'image/png', buffer: pngBytes() })
    await phone.getByTestId('crit-C19.not_sorted').locator('.hx-crit__thumb img').waitFor()
    await phone.getByTestId('checklist-save').click()
    await phone.getByTestId(`capture-record-C19.not_sorted`).waitFor()

    assert.match(await phone.getByTestId('sync-bar-text').innerText(), /3 条待同步/)
    assert.equal(await phone.getByTestId('capture-record-H04.finish_loss').getAttribute('data-state'), 'pending')
    assert.match(await phone.getByTestId('capture-record-H04.finish_loss').innerText(), /较大隐患/)
    assert.equal(await phone.getByTestId('capture-submit').isDisabled(), true, 'no submitting while offline')
    await phoneShot(phone, 'checkup-h5-offline')

    // Back online: photos, then the batch; the bar says so.
    await context.setOffline(false)
    await phone.getByTestId('sync-bar').and(phone.locator('[data-state="synced"]')).waitFor({ timeout: 30_000 })
    assert.equal((await phone.getByTestId('sync-bar-text').innerText()).trim(), '已同步')
    assert.equal(await phone.getByTestId('capture-record-C19.not_sorted').getAttribute('data-state'), 'synced')

    const stored = (await api('GET', `/checkups/${campaign.id}/observations?estateId=${estateId}`)).items
    assert.equal(stored.length, 3, 'exactly three observations on the server')
    const by = Object.fromEntries(stored.map((o) => [o.criterion, o]))
    assert.equal(by['H04.finish_loss'].severity, 'larger_hazard')
    assert.equal(by['H04.finish_loss'].value, 18)
    assert.equal(by['H04.finish_loss'].buildingId, buildingIds[0])
    assert.equal(by['H03.lighting'].buildingId, buildingIds[1])
    assert.equal(by['C19.not_sorted'].photoIds.length, 1)
    assert.ok(stored.every((o) => /^[0-9a-f-]{36}$/.test(o.clientId)), 'client UUIDs')

    // A forced resend (the phone lost the answer): every record back to pending, reload → the
    // same batch goes again and the server stores nothing new.
    await phone.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const open = indexedDB.open('hx-checkup')
          open.onsuccess = () => {
            const tx = open.result.transaction('obs', 'readwrite')
            const s = tx.objectStore('obs')
            const all = s.getAll()
            all.onsuccess = () => {
              for (const o of all.result) s.put({ ...o, state: 'pending' })
            }
            tx.oncomplete = () => resolve()
            tx.onerror = () => reject(tx.error)
          }
        }),
    )
    const resent = phone.waitForResponse((r) => r.url().endsWith(`/checkups/${campaign.id}/observations`) && r.request().method() === 'POST')
    await phone.reload()
    const answer = await (await resent).json()
    assert.equal(answer.created, 0, 'a resend creates nothing')
    assert.equal(answer.unchanged + answer.updated, 3)
    await phone.getByTestId('sync-bar').and(phone.locator('[data-state="synced"]')).waitFor({ timeout: 30_000 })
    assert.equal((await api('GET', `/checkups/${campaign.id}/observations`)).items.length, 3, 'still three after the resend')

    // Submit for review.
    await phone.getByTestId('capture-submit').click()
    await phone.locator('.van-dialog__confirm').click()
    await phone.getByTestId('capture-estate-status').filter({ hasText: '待审核' }).waitFor()
    await phoneShot(phone, 'checkup-h5-submitted')

    // After the first visit the capture opens without the network: the service worker serves
    // the app shell and its scripts, the campaign list comes from IndexedDB.
    await context.setOffline(true)
    await phone.goto('/h5/checkup')
    await phone.getByTestId(`capture-estate-${estateId}`).waitFor()
    await phone.getByTestId('capture-cached').waitFor()
    assert.match(await phone.getByTestId(`capture-estate-${estateId}`).innerText(), /待审核/, 'the submitted state is remembered')
    await phone.getByTestId('sync-bar').and(phone.locator('[data-state="offline"]')).waitFor()
    await phoneShot(phone, 'checkup-h5-offline-start')
    await context.setOffline(false)
    await assertClean(phone, phoneProblems, EXPECTED_ERRORS)
    await context.close()
  })

  test('c. the admin reviews with the photo, approves, downloads the reports', async () => {
    await page.goto('/checkups')
    await page.getByTestId(`checkup-name-${campaign.id}`).waitFor()
    await screenshot(page, 'checkup-admin-campaigns')
    await page.getByTestId(`checkup-name-${campaign.id}`).click()
    await page.getByTestId(`estate-status-${estateId}`).filter({ hasText: '待审核' }).waitFor()
    await page.getByTestId(`estate-review-${estateId}`).click()
    const drawer = page.getByTestId('checkup-review')
    await drawer.locator('.el-table__row').nth(2).waitFor()
    assert.equal(await drawer.locator('.el-table__row').count(), 3)
    await drawer.getByTestId('review-severity-H04.finish_loss').filter({ hasText: '较大隐患' }).waitFor()
    await drawer.locator('.hx-checkup-review__thumb img').first().waitFor()
    assert.ok(await drawer.locator('.hx-checkup-review__thumb img').first().evaluate((img) => img.naturalWidth > 0), 'the photo thumbnail loads')
    await screenshot(page, 'checkup-admin-review')
    await drawer.getByTestId('review-approve').click()
    await page.getByTestId(`estate-status-${estateId}`).filter({ hasText: '已通过' }).waitFor()
    assert.equal((await page.getByTestId(`estate-problems-${estateId}`).innerText()).trim(), '3')

    mkdirSync(artifactsDir, { recursive: true })
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`estate-report-pdf-${estateId}`).click()])
    const pdfPath = join(artifactsDir, 'checkup-report.pdf')
    await pdf.saveAs(pdfPath)
    assert.equal(readFileSync(pdfPath).subarray(0, 5).toString(), '%PDF-')
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')
    assert.ok(text.includes('外墙饰面'), 'the facade problem is in the report')
    assert.ok(text.includes('较大隐患'), 'with its grade')
    assert.ok(text.includes('未实施生活垃圾分类'), 'and the estate problem')

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('area-report-xlsx').click()])
    const xlsxPath = join(artifactsDir, 'checkup-area.xlsx')
    await xlsx.saveAs(xlsxPath)
    assert.equal(readFileSync(xlsxPath).subarray(0, 2).toString(), 'PK', 'an xlsx (zip) workbook')

    // All approved estates' reports as a background job, with its progress bar.
    await page.getByTestId('generate-reports').click()
    await page.getByTestId('reports-progress').locator('.el-progress.is-success').waitFor({ timeout: 30_000 })
    await settle(page)
    await screenshot(page, 'checkup-admin-detail')
  })

  test('d. the problem list, the catalogue in words, the item costs', async () => {
    await page.goto('/checkups/problems')
    await page.getByTestId('problem-table').locator('.el-table__row').nth(2).waitFor()
    assert.equal(await page.getByTestId('problem-table').locator('.el-table__row').count(), 3)
    await page.getByTestId('problem-chart-street').locator('canvas').waitFor()
    await page.getByTestId('problem-chart-indicator').locator('canvas').waitFor()
    await page.waitForTimeout(600) // chart animations
    await screenshot(page, 'checkup-admin-problems')

    await page.goto('/checkups/catalog')
    const rule = page.getByTestId('catalog-rule-H04.finish_loss')
    await rule.waitFor()
    assert.equal((await rule.innerText()).trim(), '<10 ㎡ 隐患；10–30 ㎡ 较大隐患；>30 ㎡ 严重隐患')
    await screenshot(page, 'checkup-admin-catalog')

    // A new draft with a local indicator graded by bands, then published.
    await page.getByTestId('catalog-new-draft').click()
    await page.getByTestId('catalog-add-indicator').click()
    await fill(page, 'indicator-form-code', 'L01')
    await fill(page, 'indicator-form-name', '屋面渗漏面积')
    await fill(page, 'indicator-form-criterion-0-code', 'L01.leak')
    await fill(page, 'indicator-form-criterion-0-name', '屋面渗漏面积（㎡）')
    await page.getByTestId('rule-editor-0-type').click()
    await page.locator('.hx-popper-rule-type-0').getByText('分档').click()
    await page.getByTestId('rule-editor-0-unit').click()
    await page.locator('.el-select-dropdown:visible').getByText('㎡', { exact: true }).click()
    await fill(page, 'rule-editor-0-band-0', '5')
    await screenshot(page, 'checkup-admin-indicator-form')
    await page.getByTestId('indicator-form-submit').click()
    const local = page.getByTestId('catalog-rule-L01.leak')
    await local.waitFor()
    assert.equal((await local.innerText()).trim(), '<5 ㎡ 隐患；≥5 ㎡ 严重隐患')
    await page.getByTestId('catalog-publish').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByTestId('catalog-publish').waitFor({ state: 'detached' })
    const catalogs = (await api('GET', '/checkup/catalogs')).items
    assert.deepEqual(catalogs.map((c) => c.state), ['published', 'published'])

    await page.goto('/checkups/items')
    await page.getByTestId('item-edit-B01').click()
    await fill(page, 'item-cost-B01', '1,234.5')
    await page.getByTestId('item-save-B01').click()
    await page.getByTestId('item-cost-text-B01').filter({ hasText: '¥1,234.50' }).waitFor()
    const items = (await api('GET', '/checkup/items')).items
    assert.equal(items.find((i) => i.code === 'B01').unitCost, 123450, 'yuan typed, exact fen stored')
    await settle(page)
    await screenshot(page, 'checkup-admin-items')
    await assertClean(page, problems)
  })
})
