// Browser journeys through the admin app against the real server (see server.mjs):
//   a. log in as admin → home shows the display name
//   b. switch to English → menu in English, kept after reload → back to Chinese
//   c. create a street-office user scoped to 洪都街道 through the region cascader → listed;
//      log in as that user → only the menu items their permissions allow
//   d. audit log as admin → the user.create entry of (c), expanded to its field changes
//   e. regions: browse 江西省 → … → 洪都街道 in the tree and add a grid to a community
// Each journey saves build/e2e/<journey>.png. The journeys run in order and share one server.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { cspViolations, launchBrowser, openPage, screenshot } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer } from './server.mjs'

const NEW_USER = {
  username: 'hongdu_street',
  displayName: '洪都街道专班',
  phone: '13800138002',
  password: 'Hongdu#2026street',
  scopeCode: '360104002',
  scopeName: '洪都街道',
}

const MENU = [
  { testid: 'menu-home', permission: null, zh: '首页', en: 'Home' },
  { testid: 'menu-users', permission: 'user:manage', zh: '用户管理', en: 'Users' },
  { testid: 'menu-audit', permission: 'audit:read', zh: '审计日志', en: 'Audit log' },
  { testid: 'menu-regions', permission: 'region:read', zh: '行政区划', en: 'Regions' },
]

let server
let browser
let createdUserId // set by journey c, read by d
let page
let problems

const byTestId = (id) => page.getByTestId(id)

async function login(username, password) {
  await page.goto('/login')
  await byTestId('login-username').fill(username)
  await byTestId('login-password').fill(password)
  await byTestId('login-submit').click()
}

async function logout() {
  await byTestId('logout').click()
  await page.waitForURL(/\/login/)
}

/** What GET /auth/me says about the logged-in user (same cookies as the page). */
async function whoAmI() {
  const res = await page.request.get('/api/v1/auth/me')
  assert.equal(res.status(), 200, 'GET /api/v1/auth/me after login')
  return (await res.json()).user
}

async function visibleMenu() {
  await byTestId('menu-home').waitFor()
  const shown = []
  for (const item of MENU) if (await byTestId(item.testid).isVisible()) shown.push(item.testid)
  return shown
}

async function assertNoCspViolations() {
  assert.deepEqual(await cspViolations(page, problems), [], 'CSP violations reported in the console')
}

describe('admin journeys', () => {
  before(async () => {
    server = await startServer('admin')
    browser = await launchBrowser()
    ;({ page, problems } = await openPage(browser, server.baseUrl))
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the server sends the Content-Security-Policy the app is built for', async () => {
    const res = await fetch(`${server.baseUrl}/`)
    assert.equal(res.status, 200)
    const csp = res.headers.get('content-security-policy') ?? ''
    assert.match(csp, /script-src 'self'(;|$)/, `CSP header was: ${csp}`)
    assert.match(await res.text(), /<div id="app">/)
  })

  test('a. admin logs in and home shows the display name', async () => {
    await page.goto('/')
    await page.waitForURL(/\/login/)
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')

    // A wrong password is answered inline with the server's message.
    await login(ADMIN_USERNAME, 'not-the-password')
    const error = byTestId('login-error')
    await error.waitFor()
    assert.ok((await error.innerText()).trim().length > 0, 'login error shows a message')

    await login(ADMIN_USERNAME, ADMIN_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/')
    const me = await whoAmI()
    assert.ok(me.displayName, 'admin has a display name')
    await assert.doesNotReject(byTestId('home-welcome-title').filter({ hasText: me.displayName }).waitFor())
    assert.equal(await byTestId('header-display-name').innerText(), me.displayName)
    assert.deepEqual(await visibleMenu(), MENU.map((m) => m.testid), 'admin sees every menu item')
    await screenshot(page, 'a-admin-login-home')
    await assertNoCspViolations()
  })

  test('b. switching to English changes the menu, survives a reload, and switches back', async () => {
    await byTestId('locale-en-US').click()
    for (const item of MENU) {
      assert.equal((await byTestId(item.testid).innerText()).trim(), item.en, `${item.testid} in English`)
    }
    assert.equal(await page.locator('html').getAttribute('lang'), 'en-US')

    await page.reload()
    await byTestId('menu-users').waitFor()
    assert.equal((await byTestId('menu-users').innerText()).trim(), 'Users', 'English kept after reload')
    await screenshot(page, 'b-english-menu')

    await byTestId('locale-zh-CN').click()
    for (const item of MENU) {
      assert.equal((await byTestId(item.testid).innerText()).trim(), item.zh, `${item.testid} in Chinese`)
    }
    await assertNoCspViolations()
  })

  test('c. create a street user through the cascader, then log in as them', async () => {
    await byTestId('menu-users').click()
    await page.waitForURL(/\/users$/)
    await byTestId(`user-username-${ADMIN_USERNAME}`).waitFor()

    await byTestId('user-create').click()
    const dialog = byTestId('user-form')
    await dialog.waitFor()
    await byTestId('user-form-username').fill(NEW_USER.username)
    await byTestId('user-form-display-name').fill(NEW_USER.displayName)

    await byTestId('user-form-role').click()
    await page.locator('.hx-popper-user-form-role .el-select-dropdown__item', { hasText: '街道办' }).click()

    // 江西省 → 南昌市 → 青云谱区, then pick 洪都街道 itself (it has communities below it).
    await byTestId('user-form-scope').locator('.el-cascader').click()
    const panel = page.locator('.hx-popper-user-form-scope')
    for (const name of ['江西省', '南昌市', '青云谱区']) {
      await panel.locator('.el-cascader-node', { hasText: name }).click()
    }
    const street = panel.locator('.el-cascader-node', { hasText: NEW_USER.scopeName })
    await street.locator('.el-radio').click()
    await page.keyboard.press('Escape')
    const scopeInput = byTestId('user-form-scope').locator('input')
    assert.match(await scopeInput.inputValue(), /青云谱区.*洪都街道/, 'cascader shows the chosen path')

    await byTestId('user-form-phone').fill(NEW_USER.phone)
    await byTestId('user-form-password').fill(NEW_USER.password)
    await screenshot(page, 'c-create-user-form')
    await byTestId('user-form-submit').click()
    await dialog.waitFor({ state: 'hidden' })

    const row = page.locator('.el-table__row', { has: byTestId(`user-username-${NEW_USER.username}`) })
    await row.waitFor()
    const rowText = await row.innerText()
    assert.match(rowText, new RegExp(NEW_USER.displayName))
    assert.match(rowText, new RegExp(NEW_USER.scopeName), 'scope name shown in the list')
    assert.match(rowText, /街道办/, 'role shown in the list')
    await screenshot(page, 'c-user-created')
    await assertNoCspViolations()

    // What the server stored, and what the new user may see.
    const list = await page.request.get(`/api/v1/users?q=${NEW_USER.username}`)
    const created = (await list.json()).items.find((u) => u.username === NEW_USER.username)
    assert.ok(created, 'the user is returned by GET /users?q=')
    assert.equal(created.role, 'street')
    assert.equal(created.scopeCode, NEW_USER.scopeCode)
    createdUserId = created.id

    await logout()
    await login(NEW_USER.username, NEW_USER.password)
    await page.waitForURL((url) => url.pathname === '/')
    const me = await whoAmI()
    assert.equal(me.username, NEW_USER.username)
    const expected = MENU.filter((m) => !m.permission || me.permissions.includes(m.permission)).map((m) => m.testid)
    assert.deepEqual(await visibleMenu(), expected, `menu for permissions ${JSON.stringify(me.permissions)}`)
    assert.ok(!expected.includes('menu-users') || me.permissions.includes('user:manage'))
    assert.equal(await byTestId('header-display-name').innerText(), NEW_USER.displayName)
    assert.equal((await byTestId('header-scope').innerText()).trim(), NEW_USER.scopeName)
    await byTestId('home-welcome-title').filter({ hasText: NEW_USER.displayName }).waitFor()

    // A page the user may not open sends them home.
    if (!me.permissions.includes('user:manage')) {
      await page.goto('/users')
      await page.waitForURL((url) => url.pathname === '/')
    }
    await screenshot(page, 'c-street-user-home')
    await assertNoCspViolations()
  })

  test('d. the audit log shows the user.create entry with its fields', async () => {
    await logout()
    await login(ADMIN_USERNAME, ADMIN_PASSWORD)
    await page.waitForURL((url) => url.pathname === '/')
    await byTestId('menu-audit').click()
    await page.waitForURL(/\/audit$/)

    await byTestId('audit-filter-action').fill('user.create')
    await byTestId('audit-search').click()
    assert.ok(createdUserId, 'journey c created a user')
    const row = page.locator('[data-testid="audit-table"] .el-table__row', {
      has: byTestId(`audit-entity-user-${createdUserId}`),
      hasText: 'user.create',
    })
    await row.waitFor()
    assert.equal(await row.count(), 1, 'one user.create entry for the new user')
    assert.match(await row.innerText(), new RegExp(ADMIN_USERNAME), 'entry names the acting user')
    assert.match(await row.innerText(), new RegExp(NEW_USER.scopeCode), 'entry carries the region')

    await row.locator('.el-table__expand-icon').click()
    const changes = page.locator('[data-testid^="audit-changes-"]').first()
    await changes.waitFor()
    const text = await changes.innerText()
    assert.match(text, new RegExp(NEW_USER.username), 'changes include the new username')
    assert.match(text, new RegExp(NEW_USER.displayName), 'changes include the display name')
    await screenshot(page, 'd-audit-user-create')
    await assertNoCspViolations()
  })

  test('e. regions: browse the tree and add a grid to a community', async () => {
    await byTestId('menu-regions').click()
    await page.waitForURL(/\/regions$/)
    const table = byTestId('region-table')
    // Expand 江西省 → 南昌市 → 青云谱区 → 洪都街道 (codes are prefixes of their children).
    for (const code of ['36', '3601', '360104', '360104002']) {
      const row = table.locator('.el-table__row', { has: byTestId(`region-name-${code}`) })
      await row.locator('.el-table__expand-icon').click()
    }
    const community = table
      .locator('.el-table__row', { has: page.locator('[data-testid^="region-name-360104002"]') })
      .filter({ has: page.locator('[data-testid^="region-add-grid-"]') })
      .first()
    await community.waitFor()
    const communityName = (await community.locator('[data-testid^="region-name-"]').innerText()).trim()
    await community.locator('[data-testid^="region-add-grid-"]').click()
    await byTestId('grid-form').waitFor()
    await byTestId('grid-form-name').fill('第一网格')
    await byTestId('grid-form-submit').click()
    await byTestId('grid-form').waitFor({ state: 'hidden' })
    assert.ok(communityName.length > 0)

    // The new grid appears under its community.
    await table.locator('.el-table__row', { hasText: '第一网格' }).waitFor()
    assert.match(await table.locator('.el-table__row', { hasText: '第一网格' }).innerText(), /网格/)
    await screenshot(page, 'e-regions-grid')
    await assertNoCspViolations()
    assert.deepEqual(problems.errors.filter((e) => !/status of 40[13]/.test(e)), [], 'no script errors')
  })
})
