// Browser journey through the estate register (issue #3) against the real server (server.mjs):
//   a. admin creates an estate in 洪都街道's first community through the form (cascader down to the
//      community) → lands on the estate page, eligible
//   b. import page: download the template; upload a CSV roster with exactly two bad rows (an area
//      with 3 decimals, an ID number with a wrong check character) → the error table lists them
//   c. upload the corrected roster through "fix and retry" → success counts
//   d. the estate tree shows buildings → stairwells → dwellings with (masked) owners; the summary
//      figures match; the roster exports as .xlsx; the list shows the estate
//   e. by hand: add a building and a dwelling, register a new owner (a wrong ID check character is
//      refused in the form), then remove the owner again
//   f. record the household of that dwelling (more aged 60+ than residents is refused in the
//      form) → the row and the summary show it
// Screenshots: build/e2e/register-import-errors.png, register-import-done.png,
// register-estate-tree.png. The steps run in order and share one server and page.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { screenshot } from './browser.mjs'
import * as fx from './fixtures.mjs'
import { COMMUNITY_CODE, idNumber, journeyHooks, login, withWrongCheck } from './fixtures.mjs'

const ESTATE = { name: '洪都新村', address: '南昌市青云谱区洪都中大道 88 号', builtYear: '1992' }
const CSV_HEADER = '楼栋,单元,楼层,房号,专有部分面积(㎡),面积来源,出售状态,业主姓名,证件号码,联系电话'

const OWNER_IDS = [
  idNumber('19560301', 11),
  idNumber('19610715', 22),
  idNumber('19580920', 33),
  idNumber('19600102', 44),
  idNumber('19721111', 55),
  idNumber('19690606', 66),
]

// 8 data rows (sheet rows 2–9), 7 dwellings: 1-1-201 has two co-owners; 1-2-102 is unsold.
function roster({ badArea = false, badId = false } = {}) {
  const rows = [
    ['1', '1', '1', '101', '85.37', '不动产登记', '已售', '王建国', OWNER_IDS[0], '13907910001'],
    ['1', '1', '1', '102', badArea ? '72.505' : '72.50', '实测', '已售', '刘秀英', OWNER_IDS[1], ''],
    ['1', '1', '2', '201', '85.37', '不动产登记', '已售', '陈志强', OWNER_IDS[2], '13907910003'],
    ['1', '1', '2', '201', '85.37', '不动产登记', '已售', '陈丽华', OWNER_IDS[3], ''],
    ['1', '2单元', '1', '101', '90.12', '合同', '已售', '赵敏', badId ? withWrongCheck(OWNER_IDS[4]) : OWNER_IDS[4], ''],
    ['1', '2', '1', '102', '90.12', '合同', '开发商未售', '', '', ''],
    ['2', '1', '3', '301', '64.8', '不动产登记', '已售', '周桂兰', OWNER_IDS[5], '0791-88886666'],
    ['2', '1', '3', '302', '64.80', '实测', '公房', '', '', ''],
  ]
  const text = [CSV_HEADER, ...rows.map((r) => r.join(','))].join('\r\n') + '\r\n'
  return Buffer.from('\ufeff' + text, 'utf8')
}
const BAD_ROWS = [
  { row: '3', column: '专有部分面积(㎡)' },
  { row: '6', column: '证件号码' },
]

let page
let problems
let estateId

const byTestId = (id) => page.getByTestId(id)

const fill = (testid, value) => fx.fill(page, testid, value)
const settle = () => fx.settle(page)
const assertNoCspViolations = () => fx.assertNoCspViolations(page, problems)
/** Also no console errors but the refused requests (401/403/422) the journey provokes. */
const assertClean = () => fx.assertClean(page, problems, /status of (40[13]|422)/)

/** Sheet rows and columns listed by the import error table. */
async function errorTable() {
  const entries = []
  for (let i = 0; ; i++) {
    const row = byTestId(`import-error-row-${i}`)
    if ((await row.count()) === 0) break
    entries.push({
      row: (await row.innerText()).trim(),
      column: (await byTestId(`import-error-column-${i}`).innerText()).trim(),
      message: (await byTestId(`import-error-message-${i}`).innerText()).trim(),
    })
  }
  return entries
}

async function count(testid) {
  const text = await byTestId(testid).innerText()
  const numbers = text.match(/\d[\d,]*/g) ?? []
  return Number((numbers.at(-1) ?? '').replace(/,/g, ''))
}

describe('estate register journey', () => {
  journeyHooks('register', (j) => ({ page, problems } = j))

  test('a. admin creates an estate in a community through the form', async () => {
    await login(page)

    await byTestId('menu-estates').click()
    await page.waitForURL(/\/register\/estates$/)
    assert.equal((await byTestId('menu-estates').innerText()).trim(), '小区登记')

    await byTestId('estate-create').click()
    const dialog = byTestId('estate-form')
    await dialog.waitFor()

    // 江西省 → 南昌市 → 青云谱区 → 洪都街道 → its first community (communities are the leaves).
    await byTestId('estate-form-region').locator('.el-cascader').click()
    const panel = page.locator('.hx-popper-estate-form-region')
    for (const name of ['江西省', '南昌市', '青云谱区', '洪都街道']) {
      await panel.locator('.el-cascader-node', { hasText: name }).click()
    }
    const community = panel.locator('.el-cascader-menu').nth(4).locator('.el-cascader-node').first()
    const communityName = (await community.innerText()).trim()
    await community.locator('.el-radio').click()
    await page.keyboard.press('Escape')
    assert.match(await byTestId('estate-form-region').locator('input').inputValue(), new RegExp(`洪都街道.*${communityName}`))

    await fill('estate-form-name', ESTATE.name)
    await fill('estate-form-address', ESTATE.address)
    await fill('estate-form-built-year', ESTATE.builtYear)
    await fill('estate-form-land-area', '12500.5')
    await byTestId('estate-form-ownership').click()
    await page.locator('.hx-popper-estate-form-ownership .el-select-dropdown__item', { hasText: '房改房' }).click()
    await fill('estate-form-name', ESTATE.name) // closes the dropdown
    await byTestId('estate-form-submit').click()
    await dialog.waitFor({ state: 'hidden' })

    await page.waitForURL(/\/register\/estates\/\d+$/)
    estateId = Number(new URL(page.url()).pathname.split('/').pop())
    assert.equal((await byTestId('estate-title').innerText()).trim(), ESTATE.name)
    assert.equal((await byTestId('estate-eligibility').innerText()).trim(), '符合', '1992 is before the 2000 cut-off')
    assert.match(await byTestId('estate-facts').innerText(), new RegExp(communityName))

    const res = await page.request.get(`/api/v1/estates/${estateId}`)
    const stored = await res.json()
    assert.equal(stored.regionCode, COMMUNITY_CODE)
    assert.equal(stored.landArea, 12500.5)
    assert.deepEqual(stored.ownershipTypes, ['housing_reform'])
    await assertNoCspViolations()
  })

  test('b. a roster with two bad rows is rejected with an error table', async () => {
    await byTestId('estate-import-roster').click()
    await page.waitForURL(new RegExp(`/register/estates/${estateId}/import$`))
    await byTestId('import-estate-name').filter({ hasText: ESTATE.name }).waitFor()

    const [template] = await Promise.all([page.waitForEvent('download'), byTestId('import-download-template').click()])
    assert.match(template.suggestedFilename(), /\.xlsx$/, 'the template downloads as .xlsx')

    await page.locator('[data-testid="import-page"] input[type=file]').setInputFiles({
      name: 'roster-with-errors.csv',
      mimeType: 'text/csv',
      buffer: roster({ badArea: true, badId: true }),
    })
    await byTestId('import-errors').waitFor()
    const entries = await errorTable()
    assert.deepEqual(
      entries.map(({ row, column }) => ({ row, column })),
      BAD_ROWS,
      `error table: ${JSON.stringify(entries)}`,
    )
    assert.ok(entries.every((e) => e.message.length > 0), 'every error says what is wrong')
    assert.ok((await byTestId('import-fix-hint').innerText()).trim().length > 0, 'a fix-and-retry hint')
    await settle()
    await screenshot(page, 'register-import-errors')

    // Nothing was stored.
    const summary = await (await page.request.get(`/api/v1/estates/${estateId}/summary`)).json()
    assert.equal(summary.dwellings, 0, 'a rejected roster stores nothing')
    await assertNoCspViolations()
  })

  test('c. the corrected roster is imported', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), byTestId('import-retry').click()])
    await chooser.setFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: roster() })
    await byTestId('import-done').waitFor({ timeout: 30_000 })
    assert.equal(await count('import-count-created'), 7, 'seven dwellings created')
    assert.equal(await count('import-count-updated'), 0)
    assert.equal(await count('import-count-unchanged'), 0)
    assert.equal(await count('import-count-buildingsCreated'), 2)
    assert.equal(await count('import-count-ownersCreated'), 6)
    await settle()
    await screenshot(page, 'register-import-done')
    await assertNoCspViolations()
  })

  test('d. the estate tree shows buildings, stairwells, dwellings and owners', async () => {
    await byTestId('import-back-to-estate').click()
    await page.waitForURL(new RegExp(`/register/estates/${estateId}$`))
    await byTestId('building-1').waitFor()
    await byTestId('building-2').waitFor()

    assert.equal(await count('summary-buildings-value'), 2)
    assert.equal(await count('summary-dwellings-value'), 7)
    assert.equal(await count('summary-developerUnsold-value'), 1)
    assert.equal((await byTestId('summary-exclusiveArea-value').innerText()).trim(), '553.08', '85.37+72.50+85.37+90.12×2+64.80×2')

    const stairwell11 = await byTestId('stairwell-1-1').innerText()
    for (const text of ['101', '102', '201', '85.37', '72.50', '王建国', '刘秀英', '陈志强', '陈丽华']) {
      assert.ok(stairwell11.includes(text), `stairwell 1-1 shows ${text}`)
    }
    const stairwell12 = await byTestId('stairwell-1-2').innerText()
    assert.match(stairwell12, /赵敏/)
    assert.match(stairwell12, /开发商未售/)
    assert.match(await byTestId('stairwell-2-1').innerText(), /周桂兰[\s\S]*64\.80/)

    // ID numbers are shown masked unless the user may read personal data.
    const me = (await (await page.request.get('/api/v1/auth/me')).json()).user
    const mayReadPii = me.permissions.includes('register:pii:read')
    if (mayReadPii) {
      assert.ok(stairwell11.includes(OWNER_IDS[0]), 'full ID number for a user with register:pii:read')
    } else {
      assert.ok(!stairwell11.includes(OWNER_IDS[0]), 'no full ID number without register:pii:read')
      assert.match(stairwell11, new RegExp(`${OWNER_IDS[0].slice(0, 4)}\\*+${OWNER_IDS[0].slice(-4)}`), 'masked ID number')
    }
    // The layout scrolls inside its main area: a taller window shows the whole tree.
    await settle()
    await page.setViewportSize({ width: 1440, height: 1500 })
    await screenshot(page, 'register-estate-tree')
    await page.setViewportSize({ width: 1440, height: 900 })

    const [roster] = await Promise.all([page.waitForEvent('download'), byTestId('estate-export-roster').click()])
    assert.match(roster.suggestedFilename(), new RegExp(`${ESTATE.name}.*\\.xlsx$`), 'the roster exports as .xlsx')

    // The list shows the estate with its community and verdict.
    await byTestId('menu-estates').click()
    await page.waitForURL(/\/register\/estates$/)
    const row = page.locator('[data-testid="estate-table"] .el-table__row', { has: byTestId(`estate-name-${estateId}`) })
    await row.waitFor()
    const rowText = await row.innerText()
    assert.match(rowText, new RegExp(ESTATE.name))
    assert.match(rowText, /1992/)
    assert.match(rowText, /符合/)
    await assertClean()
  })
  test('e. buildings, dwellings and owners by hand', async () => {
    await byTestId(`estate-name-${estateId}`).click()
    await page.waitForURL(new RegExp(`/register/estates/${estateId}$`))
    await byTestId('building-1').waitFor()

    await byTestId('building-create').click()
    await byTestId('building-form').waitFor()
    await fill('building-form-number', '3')
    await fill('building-form-floors', '4')
    await byTestId('building-form-submit').click()
    await byTestId('building-form').waitFor({ state: 'hidden' })
    await byTestId('building-3').waitFor()

    await byTestId('building-add-dwelling-3').click()
    await byTestId('dwelling-form').waitFor()
    await fill('dwelling-form-floor', '2')
    await fill('dwelling-form-room', '201')
    await fill('dwelling-form-area', '58.6')
    await byTestId('dwelling-form-submit').click()
    await byTestId('dwelling-form').waitFor({ state: 'hidden' })
    const stairwell = byTestId('stairwell-3-1')
    await stairwell.filter({ hasText: '58.60' }).waitFor()

    await stairwell.locator('[data-testid^="dwelling-link-owner-"]').first().click()
    const form = byTestId('owner-form')
    await form.waitFor()
    const ownerId = idNumber('19800808', 77)
    await fill('owner-form-name', '吴晓明')
    await fill('owner-form-id-number', withWrongCheck(ownerId))
    await fill('owner-form-phone', '13907910077')
    await byTestId('owner-form-submit').click()
    await form.locator('.el-form-item__error', { hasText: '校验位' }).waitFor()
    await fill('owner-form-id-number', ownerId)
    await byTestId('owner-form-submit').click()
    await form.waitFor({ state: 'hidden' })
    await stairwell.filter({ hasText: '吴晓明' }).waitFor()
    assert.equal(await count('summary-buildings-value'), 3)
    assert.equal(await count('summary-dwellings-value'), 8)

    // Remove the owner again (confirmed in a message box).
    await stairwell.locator('.el-tag', { hasText: '吴晓明' }).locator('.el-tag__close').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await stairwell.filter({ hasText: '未登记' }).waitFor()
    await stairwell.locator('.el-tag', { hasText: '吴晓明' }).waitFor({ state: 'detached' })
    const owners = await (await page.request.get(`/api/v1/estates/${estateId}/dwellings`)).json()
    const added = owners.items.find((d) => d.buildingNumber === '3' && d.room === '201')
    assert.deepEqual(added?.owners, [], 'owner removed on the server')
    await assertClean()
  })

  test('f. a household recorded for a dwelling shows in its row', async () => {
    const stairwell = byTestId('stairwell-3-1')
    const cell = stairwell.locator('[data-testid^="dwelling-household-"]').first()
    assert.equal((await cell.innerText()).trim(), '—', 'no household yet')
    const residentsBefore = await count('summary-residents-value')

    await stairwell.locator('[data-testid^="household-edit-"]').first().click()
    const form = byTestId('household-form')
    await form.waitFor()
    await fill('household-form-residents', '3')
    await fill('household-form-aged60plus', '4')
    await byTestId('household-form-submit').click()
    await form.locator('.el-form-item__error', { hasText: '不能多于常住人数' }).waitFor()
    await fill('household-form-aged60plus', '2')
    await byTestId('household-form-submit').click()
    await form.waitFor({ state: 'hidden' })

    await stairwell.filter({ hasText: '3人 · 60岁以上2 · 自住' }).waitFor()
    assert.equal((await cell.innerText()).trim(), '3人 · 60岁以上2 · 自住')
    assert.equal(await count('summary-residents-value'), residentsBefore + 3)
    const dwellings = await (await page.request.get(`/api/v1/estates/${estateId}/dwellings`)).json()
    const added = dwellings.items.find((d) => d.buildingNumber === '3' && d.room === '201')
    assert.equal(added?.household?.residents, 3, 'household stored on the server')
    assert.equal(added?.household?.aged60Plus, 2)
    assert.equal(added?.household?.occupancy, 'owner_occupied')
    await assertNoCspViolations()
  })
})
