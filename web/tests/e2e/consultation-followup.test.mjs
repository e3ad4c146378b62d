// Browser journey through the follow-up work of a consultation, door-to-door evidence and the
// lift cost-sharing calculator, against the real server:
//   a. admin registers an estate through the API (one building, six floors, twelve dwellings with
//      owners), a community worker of the estate's community, and an open consultation on adding
//      a lift to the stairwell; two owners answer (agree, disagree)
//   b. the follow-up list of the item, filtered "未接触": two dwellings are selected and assigned to
//      the community worker; a visit "再考虑" with a note shows as the row's last visit
//   c. the visit sheets (followups.pdf?itemId=) are a PDF of at least one page (pdfinfo)
//   d. a door-to-door ballot with a photo of the signed form: an oversized file is refused before
//      uploading, a fake image gets the server's 415 message, a real PNG is uploaded and shown,
//      the ballot carries its evidenceFileId and GET /files/{id} returns the same bytes
//   e. the lift calculator: estate → building → stairwell, amounts in yuan, one coefficient
//      changed; the shares add up to the amount shown, to the fen
// Screenshots: build/e2e/consultation-followup-*.png, lift-share.png (and lift-share-print.png,
// the page as printed); the visit sheets as build/e2e/followups.pdf.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { describe, test } from 'node:test'
import { screenshot } from './browser.mjs'
import { ADMIN_USERNAME, artifactsDir } from './server.mjs'
import * as fx from './fixtures.mjs'
import { apiClient, COMMUNITY_CODE, createOpenConsultation, idNumber, journeyHooks, login, seedEstate } from './fixtures.mjs'

const ESTATE_NAME = '跟进示范小区'
const TITLE = '2026年跟进示范小区加装电梯意见征询'
const WORKER = { username: 'grid_wang', displayName: '网格员王小红', phone: '13800138011', password: 'Grid#2026visit' }
const NOTE = '业主在外地，下周回来再谈'

const SURNAMES = ['王', '刘', '陈', '赵', '孙', '周', '吴', '郑', '冯', '褚', '卫', '蒋']
const DWELLINGS = []
for (let floor = 1; floor <= 6; floor++) {
  for (const unit of [1, 2]) {
    const i = DWELLINGS.length
    DWELLINGS.push({
      floor,
      room: `${floor}0${unit}`,
      exclusiveArea: unit === 1 ? 85.37 : 72.5,
      owner: { name: `${SURNAMES[i]}建${'国华明丽'[i % 4]}`, idNumber: idNumber(`19${55 + i}0${(i % 9) + 1}1${i % 10}`, 100 + i) },
    })
  }
}

// ---- a small PNG, written byte by byte (no image library) ------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
/** An RGB PNG: a paper-white "form" with ruled lines and a red signature stroke. */
function makePng(width, height) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // RGB
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0 // no filter
    for (let x = 0; x < width; x++) {
      let rgb = [250, 248, 240]
      if (y % 12 === 0 || x < 2 || x >= width - 2 || y < 2 || y >= height - 2) rgb = [120, 120, 130]
      if (Math.abs(y - (height * 0.75 + 6 * Math.sin(x / 5))) < 1.5 && x > width / 2) rgb = [200, 30, 40]
      raw.set(rgb, row + 1 + x * 3)
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// ---- helpers -------------------------------------------------------------------------------------

let page
let problems
let api
let estateId
let buildingId
let consultationId
let itemId
let workerId
let dwellingIds = {} // room → id

const byTestId = (id) => page.getByTestId(id)
const inputOf = (testid) => fx.inputOf(page, testid)
const settle = (p = page) => fx.settle(p)
/** No CSP violations, no console errors but the failed requests this journey provokes on purpose. */
const assertClean = (p, probs) => fx.assertClean(p, probs, /status of (40[1349]|41[35]|422)/)

/** Picks `text` in an Element Plus select whose dropdown carries `popperClass`. */
async function pick(testid, popperClass, text) {
  await byTestId(testid).click()
  await page.locator(`.${popperClass} .el-select-dropdown__item`, { hasText: text }).first().click()
}

/** "1,234.56" → 123456 fen, from the text only. */
function fenOf(text) {
  const m = /^(\d{1,3}(?:,\d{3})*)\.(\d{2})$/.exec(text.trim())
  assert.ok(m, `not an amount: ${text}`)
  return Number(m[1].replace(/,/g, '')) * 100 + Number(m[2])
}

const followupRow = (room) => byTestId('followup-table').locator('.el-table__body tr', { has: byTestId(`followup-dwelling-${dwellingIds[room]}`) })

describe('consultation follow-up, evidence and lift sharing journey', () => {
  journeyHooks('consultation-followup', (j) => ({ page, problems } = j))

  test('a. an estate, a community worker and an open consultation', async () => {
    api = apiClient(page, await login(page))

    ;({ estateId, buildingId, dwellingIds } = await seedEstate(api, {
      estate: { name: ESTATE_NAME, address: '南昌市青云谱区跟进路 8 号', builtYear: 1992 },
      building: { number: '3', floors: 6 },
      dwellings: DWELLINGS,
    }))

    const worker = await api('POST', '/users', { ...WORKER, role: 'community', scopeCode: COMMUNITY_CODE })
    workerId = worker.id
    assert.ok(workerId)

    const c = await createOpenConsultation(api, {
      estateId,
      title: TITLE,
      kind: 'formal_decision',
      items: [{ title: '3栋1单元加装电梯', catalogItemCode: null, rule: { type: 'art278', matter: 7 }, scope: { type: 'stairwell', buildingId, stairwell: 1 } }],
    })
    consultationId = c.id
    itemId = c.items[0].id
    // Two owners have answered: they are not "未接触".
    await api('PUT', `/consultations/${consultationId}/ballots/${dwellingIds['601']}`, { choices: { [itemId]: 'agree' }, channel: 'paper' })
    await api('PUT', `/consultations/${consultationId}/ballots/${dwellingIds['602']}`, { choices: { [itemId]: 'disagree' }, channel: 'paper' })
    await assertClean(page, problems)
  })

  test('b. follow-up: filter 未接触, assign two dwellings, record a visit', async () => {
    await page.goto(`/consultations/${consultationId}`)
    await byTestId('consultation-followups').click()
    await page.waitForURL(/\/consultations\/\d+\/followups$/)
    await byTestId('followup-table').waitFor()

    await pick('followup-filter-item', 'hx-popper-followup-item', '3栋1单元加装电梯')
    await pick('followup-filter-status', 'hx-popper-followup-status', '未接触')
    const rows = byTestId('followup-table').locator('.el-table__body tr')
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid="followup-table"] .el-table__body tr').length === n,
      DWELLINGS.length - 2,
    )
    const statuses = await rows.locator('.el-tag').allInnerTexts()
    assert.ok(statuses.filter((s) => s.trim() === '未接触').length === DWELLINGS.length - 2, `statuses: ${statuses}`)
    assert.equal(await followupRow('601').count(), 0, 'the owner who agreed is not in the list')

    // Two dwellings, assigned to the community worker.
    await followupRow('101').locator('.el-checkbox').click()
    await followupRow('102').locator('.el-checkbox').click()
    await byTestId('followup-assign').click()
    await byTestId('assign-form').waitFor()
    await byTestId('assign-form-user').click()
    await page.locator('.hx-popper-assign-user .el-select-dropdown__item', { hasText: WORKER.username }).click()
    await screenshot(page, 'consultation-followup-assign')
    await byTestId('assign-form-submit').click()
    await byTestId('assign-form').waitFor({ state: 'hidden' })
    await followupRow('101').filter({ hasText: WORKER.username }).waitFor()
    await followupRow('102').filter({ hasText: WORKER.username }).waitFor()
    assert.ok(!(await followupRow('201').innerText()).includes(WORKER.username), 'only the selected rows are assigned')

    const assigned = (await api('GET', `/consultations/${consultationId}/followups?itemId=${itemId}&assignee=${workerId}`)).items
    assert.deepEqual(assigned.map((r) => r.dwellingId).sort((a, b) => a - b), [dwellingIds['101'], dwellingIds['102']].sort((a, b) => a - b))

    // A visit: the owner will think it over.
    await byTestId(`followup-visit-${dwellingIds['101']}`).click()
    await byTestId('visit-form').waitFor()
    await byTestId('visit-form-outcome-will_decide').click()
    assert.match(await byTestId('visit-form-outcome-will_decide').innerText(), /再考虑/)
    await (await inputOf('visit-form-note')).fill(NOTE)
    await byTestId('visit-form-submit').click()
    await byTestId('visit-form').waitFor({ state: 'hidden' })
    // A promise to decide later makes the owner "未决定": the row leaves the 未接触 list.
    await followupRow('101').waitFor({ state: 'detached' })
    const stored = (await api('GET', `/consultations/${consultationId}/followups?itemId=${itemId}`)).items.find((r) => r.dwellingId === dwellingIds['101'])
    assert.equal(stored.status, 'undecided')
    assert.equal(stored.lastVisit.outcome, 'will_decide')
    assert.equal(stored.lastVisit.note, NOTE)
    await pick('followup-filter-status', 'hx-popper-followup-status', '未决定')
    const row = followupRow('101')
    await row.filter({ hasText: NOTE }).waitFor()
    const text = await row.innerText()
    assert.match(text, /再考虑/)
    assert.match(text, new RegExp(ADMIN_USERNAME))
    assert.match(text, /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/, 'the visit time')
    assert.match(text, new RegExp(WORKER.username), 'still assigned')
    await settle()
    await screenshot(page, 'consultation-followup-visited')

    // The whole list of the item (opened by URL): everyone still to win over.
    await page.goto(`/consultations/${consultationId}/followups?itemId=${itemId}`)
    await followupRow('101').filter({ hasText: NOTE }).waitFor()
    await followupRow('602').filter({ hasText: '反对' }).waitFor()
    assert.equal(await byTestId('followup-table').locator('.el-table__body tr').count(), DWELLINGS.length - 1)
    await screenshot(page, 'consultation-followup-list')
    await assertClean(page, problems)
  })

  test('c. the visit sheets are a PDF', async () => {
    const res = await page.request.get(`/api/v1/consultations/${consultationId}/followups.pdf?itemId=${itemId}`)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'] ?? '', /application\/pdf/)
    const pdf = await res.body()
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    mkdirSync(artifactsDir, { recursive: true })
    const pdfPath = join(artifactsDir, 'followups.pdf')
    writeFileSync(pdfPath, pdf)
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' })
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1])
    assert.ok(pages >= 1, `pdfinfo: ${info}`)
  })

  test('d. door to door with a photo of the signed ballot', async () => {
    await page.goto(`/consultations/${consultationId}/entry`)
    await byTestId('entry-tabs').waitFor()
    await page.locator('#tab-door').click()
    await pick('door-building', 'hx-popper-door-building', '3栋')
    await pick('door-dwelling', 'hx-popper-door-dwelling', '1-401')
    await byTestId(`door-item-${itemId}-agree`).click()
    const input = byTestId('door-evidence-input')
    assert.equal(await input.getAttribute('accept'), 'image/*,application/pdf')
    assert.equal(await byTestId('door-evidence-camera').getAttribute('capture'), 'environment')

    // Over 10 MB: refused here, nothing sent.
    let uploads = 0
    const countUploads = (req) => req.url().endsWith('/evidence') && uploads++
    page.on('request', countUploads)
    await input.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(10 * 1024 * 1024 + 1, 0xff) })
    await byTestId('door-evidence-error').filter({ hasText: '超过 10 MB' }).waitFor()
    assert.equal(uploads, 0, 'an oversized file is not uploaded')
    page.off('request', countUploads)

    // Not an image: the server's own message (415).
    const refused = page.waitForResponse((r) => r.url().endsWith('/evidence'))
    await input.setInputFiles({ name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('this is not a picture') })
    assert.equal((await refused).status(), 415)
    const message = (await byTestId('door-evidence-error').innerText()).trim()
    const serverMessage = (await (await refused).json()).error.message
    assert.ok(message.includes(serverMessage), `shows "${serverMessage}": ${message}`)
    await screenshot(page, 'consultation-followup-evidence-refused')

    // A real photo: uploaded at once, shown as a thumbnail.
    const png = makePng(96, 72)
    const uploaded = page.waitForResponse((r) => r.url().endsWith('/evidence'))
    await input.setInputFiles({ name: '401签字表决票.png', mimeType: 'image/png', buffer: png })
    const upload = await uploaded
    assert.equal(upload.status(), 201)
    const stored = await upload.json()
    assert.equal(stored.size, png.length)
    assert.equal(stored.contentType, 'image/png')
    await byTestId('door-evidence-error').waitFor({ state: 'detached' })
    const thumb = byTestId('door-evidence-thumb').locator('img')
    await thumb.waitFor()
    await page.waitForFunction(() => {
      const img = document.querySelector('[data-testid="door-evidence-thumb"] img')
      return img instanceof HTMLImageElement && img.complete && img.naturalWidth === 96
    })
    assert.equal(await byTestId('door-evidence-open').getAttribute('href'), `/api/v1/files/${stored.id}`)
    await screenshot(page, 'consultation-followup-evidence')

    const put = page.waitForRequest((r) => r.method() === 'PUT' && r.url().endsWith(`/ballots/${dwellingIds['401']}`))
    await byTestId('door-submit').click()
    const body = JSON.parse((await put).postData() ?? '{}')
    assert.equal(body.evidenceFileId, stored.id)
    assert.equal(body.channel, 'door')
    await byTestId('receipt-code').waitFor()
    await byTestId('door-receipt-evidence').waitFor()
    assert.match(await byTestId('receipt-card').innerText(), /入户/)
    await settle()
    await screenshot(page, 'consultation-followup-door-receipt')

    // Staff read the stored file back: the same bytes.
    const file = await page.request.get(`/api/v1/files/${stored.id}`)
    assert.equal(file.status(), 200)
    assert.match(file.headers()['content-type'] ?? '', /image\/png/)
    assert.ok(Buffer.compare(await file.body(), png) === 0, 'GET /files/{id} returns the uploaded bytes')

    const ballots = (await api('GET', `/consultations/${consultationId}/ballots?dwellingId=${dwellingIds['401']}`)).items
    assert.deepEqual(ballots.map((b) => [b.choice, b.channel]), [['agree', 'door']])
    await assertClean(page, problems)
  })

  test('e. the lift calculator shares the amount to the fen', async () => {
    await page.goto('/')
    await byTestId('menu-lift-share').click()
    await page.waitForURL(/\/consultations\/lift-share$/)
    assert.equal((await byTestId('menu-lift-share').innerText()).trim(), '电梯费用分摊')
    assert.match((await byTestId('menu-lift-share').getAttribute('class')) ?? '', /is-active/)

    await byTestId('lift-estate').click()
    await page.locator('.hx-popper-lift-estate .el-select-dropdown__item', { hasText: ESTATE_NAME }).click()
    // One building with one stairwell: both picked by themselves.
    await byTestId('lift-coefficients').waitFor()
    assert.match(await byTestId('lift-building').innerText(), /3栋/)
    assert.match(await byTestId('lift-stairwell').innerText(), /1单元/)
    // The default table is shown: floors 1–2 exempt, 3F 0.7 … 6F 1.0.
    assert.match(await byTestId('lift-coefficient-1').innerText(), /免缴/)
    assert.equal(await (await inputOf('lift-coefficient-3-input')).getAttribute('placeholder'), '0.7')
    assert.equal(await (await inputOf('lift-coefficient-6-input')).getAttribute('placeholder'), '1.0')

    // Amounts in yuan: more than two decimals is refused before anything is sent.
    await (await inputOf('lift-totalCost')).fill('500000.123')
    await byTestId('lift-compute').click()
    await byTestId('lift-problems').filter({ hasText: '最多两位小数' }).waitFor()

    await (await inputOf('lift-totalCost')).fill('500,000')
    await (await inputOf('lift-subsidy')).fill('200000')
    await (await inputOf('lift-compensation')).fill('10000.5')
    await (await inputOf('lift-coefficient-6-input')).fill('1.05')
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/lift-share'))
    await byTestId('lift-compute').click()
    const res = await answered
    assert.equal(res.status(), 200)
    const sent = JSON.parse(res.request().postData() ?? '{}')
    assert.deepEqual(
      { totalCost: sent.totalCost, subsidy: sent.subsidy, compensation: sent.compensation, exemptFloors: sent.exemptFloors, coefficients: sent.coefficients },
      { totalCost: 50000000, subsidy: 20000000, compensation: 1000050, exemptFloors: [1, 2], coefficients: { 3: '0.7', 4: '0.8', 5: '0.9', 6: '1.05' } },
    )
    await byTestId('lift-table').waitFor()

    const amount = fenOf(await byTestId('lift-amount').innerText())
    assert.equal(amount, 50000000 - 20000000 + 1000050)
    const cells = await byTestId('lift-share-cell').allInnerTexts()
    assert.equal(cells.length, DWELLINGS.length)
    const sum = cells.map(fenOf).reduce((a, b) => a + b, 0)
    assert.equal(sum, amount, 'the shares shown add up to the amount shown')
    const footer = await byTestId('lift-table').locator('.el-table__footer td').allInnerTexts()
    assert.equal(fenOf(footer[4]), amount, 'the total row equals the amount')
    assert.equal(fenOf(footer[5]), 1000050, 'the compensation is shared out entirely')
    const check = byTestId('lift-check')
    assert.equal(await check.getAttribute('data-share-fen'), String(amount))
    assert.match(await check.innerText(), /310,000\.50/)
    await settle()
    await page.setViewportSize({ width: 1440, height: 1600 })
    await screenshot(page, 'lift-share')
    await page.emulateMedia({ media: 'print' })
    await screenshot(page, 'lift-share-print')
    await page.emulateMedia({ media: 'screen' })
    await page.setViewportSize({ width: 1440, height: 900 })
    await assertClean(page, problems)
  })
})
