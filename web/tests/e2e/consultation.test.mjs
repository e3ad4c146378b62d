// Browser journey through a residents' consultation (issue #5) against the real server:
//   a. admin registers an estate through the API (one building, four dwellings with owners) and
//      creates a consultation with three items through the wizard (catalogue or typed items,
//      one custom 2/3 rule) → lands on the draft consultation
//   b. opens it → the live tally board shows nobody has voted
//   c. downloads the printable ballots (ballots.pdf), rasterises them with pdftoppm and decodes
//      the QR codes with zbarimg: one URL `<base>/h5/#/ballot/<code>` per dwelling
//   d. a resident opens one URL in a fresh phone context (no login), agrees on every item and
//      gets a receipt; the public receipt page says it is counted; the code is then used
//   e. the admin's tally board shows the participation go up (polling every 5 s)
//   f. paper entry with the keyboard: the scanner "types" another ballot's URL, Enter loads
//      it, 1 1 2 and Enter record it, the receipt shows and the code input has the focus again
// Screenshots: build/e2e/consultation-*.png; the ballots as build/e2e/ballots.pdf.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { openPage, screenshot } from './browser.mjs'
import { artifactsDir } from './server.mjs'
import * as fx from './fixtures.mjs'
import { apiClient, assertClean, idNumber, journeyHooks, login, seedEstate } from './fixtures.mjs'

const ESTATE_NAME = '协商示范小区'
const TITLE = '2026年协商示范小区改造内容征询'
const CUSTOM_ITEMS = ['屋面防水', '外墙保温', '楼道照明']

const DWELLINGS = [
  { floor: 1, room: '101', exclusiveArea: 85.37, owner: { name: '王建国', idNumber: idNumber('19560301', 11) } },
  { floor: 1, room: '102', exclusiveArea: 72.5, owner: { name: '刘秀英', idNumber: idNumber('19610715', 22) } },
  { floor: 2, room: '201', exclusiveArea: 85.37, owner: { name: '陈志强', idNumber: idNumber('19580920', 33) } },
  { floor: 2, room: '202', exclusiveArea: 72.5, owner: { name: '赵敏', idNumber: idNumber('19721111', 55) } },
]

let server
let browser
let page
let problems
let api
let estateId
let consultationId
let items = []
let ballotUrls = []
let onlineCode

const byTestId = (id) => page.getByTestId(id)
const inputOf = (testid) => fx.inputOf(page, testid)
const fill = (testid, value) => fx.fill(page, testid, value)
const settle = (p = page) => fx.settle(p)

/** The layout scrolls inside its main area: a taller window shows the whole tally board. */
async function tallScreenshot(name) {
  await page.setViewportSize({ width: 1440, height: 2400 })
  await page.waitForTimeout(300) // charts resize
  await screenshot(page, name)
  await page.setViewportSize({ width: 1440, height: 900 })
}

/** The number shown in a tally cell, waiting up to `ms` for it to equal `expected`. */
async function waitForCount(testid, expected, ms = 20_000) {
  const deadline = Date.now() + ms
  let last = ''
  for (;;) {
    const el = byTestId(testid)
    if ((await el.count()) > 0) {
      last = (await el.innerText()).trim()
      if (Number(last) === expected) return
    }
    if (Date.now() > deadline) assert.fail(`${testid} shows ${last}, expected ${expected}`)
    await page.waitForTimeout(500)
  }
}

/** The code of a ballot URL `<base>/h5/#/ballot/<code>`. */
function codeOf(url) {
  const m = /\/ballot\/([^/?#\s]+)$/.exec(url)
  assert.ok(m, `not a ballot URL: ${url}`)
  return decodeURIComponent(m[1])
}

describe('consultation journey', () => {
  journeyHooks('consultation', (j) => ({ server, browser, page, problems } = j))

  test('a. admin creates a consultation with three items through the wizard', async () => {
    api = apiClient(page, await login(page))

    // The estate register through the API: one building, four dwellings, four owners.
    ;({ estateId } = await seedEstate(api, {
      estate: { name: ESTATE_NAME, address: '南昌市青云谱区示范路 1 号', builtYear: 1993 },
      building: { number: '1', floors: 6 },
      dwellings: DWELLINGS,
    }))

    await byTestId('menu-consultations').click()
    await page.waitForURL(/\/consultations$/)
    assert.equal((await byTestId('menu-consultations').innerText()).trim(), '居民协商')
    await byTestId('consultation-create').click()
    await page.waitForURL(/\/consultations\/new$/)

    // 1. basics
    await byTestId('wizard-estate').click()
    await page.locator('.hx-popper-wizard-estate .el-select-dropdown__item', { hasText: ESTATE_NAME }).click()
    await fill('wizard-title', TITLE)
    await byTestId('wizard-kind-menu').click()
    await byTestId('wizard-next').click()

    // 2. items: the first menu entry of 基础类 when the catalogue has one, then typed items.
    const catalogEntry = page.locator('[data-testid="wizard-category-basic"] [data-testid^="wizard-catalog-"]').first()
    await catalogEntry.waitFor({ timeout: 5_000 }).catch(() => {})
    let chosen = 0
    if ((await catalogEntry.count()) > 0) {
      await catalogEntry.click()
      chosen = 1
    }
    for (const name of CUSTOM_ITEMS.slice(0, 3 - chosen)) {
      await fill('wizard-custom-input', name)
      await (await inputOf('wizard-custom-input')).press('Enter')
    }
    assert.match(await byTestId('wizard-chosen').innerText(), new RegExp(CUSTOM_ITEMS[0]))
    await byTestId('wizard-next').click()

    // 3. rules and units: every item over the whole estate; the second one by a custom 2/3 rule.
    for (let i = 0; i < 3; i++) await byTestId(`wizard-item-${i}-scope-estate`).click()
    await byTestId('wizard-item-1-rule-custom').click()
    await fill('wizard-item-1-threshold', '2/3')
    await byTestId('wizard-item-1-inclusive').click()
    await byTestId('wizard-next').click()

    // 4. confirm
    await byTestId('wizard-confirm').waitFor()
    const preview = await byTestId('wizard-preview').innerText()
    assert.match(preview, /民法典第278条/)
    assert.match(preview, /2\/3/)
    await screenshot(page, 'consultation-wizard-confirm')
    await byTestId('wizard-submit').click()
    await page.waitForURL(/\/consultations\/\d+$/)
    consultationId = Number(new URL(page.url()).pathname.split('/').pop())
    assert.equal((await byTestId('consultation-title').innerText()).trim(), TITLE)
    assert.equal((await byTestId('consultation-state').innerText()).trim(), '草稿')

    const stored = await api('GET', `/consultations/${consultationId}`)
    items = stored.items
    assert.equal(items.length, 3)
    assert.deepEqual(items[1].rule, { type: 'custom', countBy: 'owners', base: 'participants', threshold: '2/3', inclusive: true })
    assert.ok(items.every((it) => it.scope.type === 'estate'))
    await assertClean(page, problems)
  })

  test('b. opening the consultation starts the live tally', async () => {
    await byTestId('consultation-open').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await byTestId('consultation-state').filter({ hasText: '表决中' }).waitFor()
    await byTestId('tally-board').waitFor()
    await waitForCount(`tally-participated-${items[0].id}-heads`, 0)
    await waitForCount(`tally-eligible-${items[0].id}-heads`, DWELLINGS.length)
    await settle()
    await tallScreenshot('consultation-tally-open')
    await assertClean(page, problems)
  })

  test('c. the printed ballots carry one QR code per dwelling', async () => {
    const res = await page.request.get(`/api/v1/consultations/${consultationId}/ballots.pdf`)
    assert.equal(res.status(), 200)
    assert.match(res.headers()['content-type'] ?? '', /application\/pdf/)
    const pdf = await res.body()
    mkdirSync(artifactsDir, { recursive: true })
    const pdfPath = join(artifactsDir, 'ballots.pdf')
    writeFileSync(pdfPath, pdf)

    const rasterDir = join(artifactsDir, 'ballots-png')
    rmSync(rasterDir, { recursive: true, force: true })
    mkdirSync(rasterDir, { recursive: true })
    execFileSync('pdftoppm', ['-r', '150', '-png', pdfPath, join(rasterDir, 'page')])
    const pages = readdirSync(rasterDir).filter((f) => f.endsWith('.png')).sort()
    assert.equal(pages.length, DWELLINGS.length, 'one page per dwelling')
    ballotUrls = pages.flatMap((f) => {
      let out = ''
      try {
        out = execFileSync('zbarimg', ['--raw', '-q', join(rasterDir, f)], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'], // zbarimg complains about a missing D-Bus on stderr
        })
      } catch (e) {
        out = e.stdout ?? '' // zbarimg exits non-zero when a page has no code
      }
      return out.split('\n').map((s) => s.trim()).filter(Boolean)
    })
    assert.equal(ballotUrls.length, DWELLINGS.length, `decoded: ${JSON.stringify(ballotUrls)}`)
    for (const url of ballotUrls) assert.match(url, /\/h5\/#\/ballot\/[^/]+$/)
    // The codes are printed grouped (ABCD-EFGH-JK); the URL may carry them without dashes.
    const plain = (c) => c.replace(/-/g, '').toUpperCase()
    const codes = (await api('GET', `/consultations/${consultationId}/codes`)).items.map((c) => plain(c.code))
    assert.deepEqual(ballotUrls.map((u) => plain(codeOf(u))).sort(), codes.sort(), 'the QR codes are the online codes')
  })

  test('d. a resident votes online with the QR code and checks the receipt', async () => {
    const printed = new URL(ballotUrls[0])
    onlineCode = codeOf(ballotUrls[0])
    // The printed base may name another host; the path and hash are what matter.
    const target = `${server.baseUrl}${printed.pathname}${printed.hash}`
    const phone = await openPage(browser, server.baseUrl, { viewport: { width: 390, height: 844 }, mobile: true })
    const p = phone.page
    await p.goto(target)
    await p.getByTestId('ballot-facts').waitFor()
    assert.match(await p.getByTestId('ballot-estate').innerText(), new RegExp(ESTATE_NAME))
    assert.match(await p.getByTestId('ballot-consultation').innerText(), new RegExp(TITLE))
    assert.ok(!/\/login/.test(p.url()), 'no login for the ballot page')
    for (let i = 0; i < items.length; i++) await p.getByTestId(`ballot-item-${i}-agree`).click()
    await screenshot(p, 'consultation-h5-ballot')
    await p.getByTestId('ballot-submit').click()
    await p.locator('.van-dialog__confirm').click()
    await p.getByTestId('ballot-done').waitFor()
    const receipt = (await p.getByTestId('ballot-receipt').innerText()).trim()
    assert.ok(receipt.length >= 6, `a receipt code: ${receipt}`)
    await screenshot(p, 'consultation-h5-receipt')

    await p.getByTestId('ballot-check-receipt').click()
    await p.waitForURL(/\/h5\/receipt\//)
    await p.getByTestId('receipt-status').filter({ hasText: '已计入' }).waitFor()
    assert.match(await p.getByTestId('receipt-code').innerText(), new RegExp(receipt))
    const choices = await p.getByTestId('receipt-choices').innerText()
    assert.equal((choices.match(/同意/g) ?? []).length, items.length)
    for (const d of DWELLINGS) assert.ok(!choices.includes(d.owner.name), 'no names on the receipt')
    await screenshot(p, 'consultation-h5-receipt-check')

    // The code is used now.
    await p.goto(target)
    await p.getByTestId('ballot-used').waitFor()
    await assertClean(p, phone.problems)
    await phone.context.close()
  })

  test('e. the tally board shows the online ballot', async () => {
    await waitForCount(`tally-participated-${items[0].id}-heads`, 1)
    await waitForCount(`tally-agree-${items[0].id}-heads`, 1)
    await settle()
    await tallScreenshot('consultation-tally-online')
    await assertClean(page, problems)
  })

  test('f. paper entry by keyboard: scan, 1 1 2, Enter', async () => {
    await byTestId('consultation-paper-entry').click()
    await page.waitForURL(/\/consultations\/\d+\/entry$/)
    await byTestId('paper-code').waitFor()
    const codeInput = await inputOf('paper-code')
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="paper-code"]') !== null)

    const paperUrl = ballotUrls.find((u) => codeOf(u) !== onlineCode)
    await page.keyboard.type(paperUrl)
    await page.keyboard.press('Enter')
    await byTestId('paper-sheet').waitFor()
    await page.keyboard.press('1')
    await page.keyboard.press('1')
    await page.keyboard.press('2')
    await screenshot(page, 'consultation-paper-keys')
    await page.keyboard.press('Enter')
    await byTestId('receipt-code').waitFor()
    const receipt = (await byTestId('receipt-code').innerText()).trim()
    assert.ok(receipt.length >= 6, `a receipt code: ${receipt}`)
    assert.match(await byTestId('receipt-card').innerText(), /纸质票/)
    await byTestId('paper-sheet').waitFor({ state: 'detached' })
    assert.equal(await codeInput.inputValue(), '', 'the code input is cleared')
    await page.waitForFunction(() => document.activeElement?.closest('[data-testid="paper-code"]') !== null)
    await settle()
    await screenshot(page, 'consultation-paper-receipt')

    const ballots = (await api('GET', `/consultations/${consultationId}/ballots`)).items.filter((b) => b.channel === 'paper')
    const byItem = Object.fromEntries(ballots.map((b) => [b.itemId, b.choice]))
    assert.deepEqual(byItem, { [items[0].id]: 'agree', [items[1].id]: 'agree', [items[2].id]: 'disagree' })

    await byTestId('paper-code').waitFor()
    await page.goto(`/consultations/${consultationId}`)
    await waitForCount(`tally-participated-${items[0].id}-heads`, 2)
    await waitForCount(`tally-disagree-${items[2].id}-heads`, 1)
    await settle()
    await tallScreenshot('consultation-tally-paper')
    await assertClean(page, problems)
  })
})
