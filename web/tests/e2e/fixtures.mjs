// What the admin journeys share: one server, browser and page per journey, logging in as the
// bootstrap admin, the API with the session's CSRF token, an estate register seeded through the
// API (and an open consultation on it), valid ID numbers, Element Plus inputs, and the checks on
// a clean console.
import assert from 'node:assert/strict'
import { after, before } from 'node:test'
import { cspViolations, launchBrowser, openPage } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer } from './server.mjs'

/** The first community of 洪都街道, 青云谱区 (in the regions the e2e server loads). */
export const COMMUNITY_CODE = '360104002001'

// ---- ID numbers ----------------------------------------------------------------------------

// GB 11643-1999: 17 digits, then the ISO 7064 MOD 11-2 check character.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** A valid ID number of 青云谱区 for a birth date (YYYYMMDD) and a sequence number. */
export function idNumber(birth, seq) {
  const first17 = `360104${birth}${String(seq).padStart(3, '0')}`
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0)
  return first17 + CHECK_CHARS[sum % 11]
}

/** The same number with a check character that is wrong. */
export function withWrongCheck(id) {
  const right = id[17]
  const wrong = [...CHECK_CHARS].find((c) => c !== right)
  return id.slice(0, 17) + wrong
}

// ---- the journey ---------------------------------------------------------------------------

/**
 * Registers the hooks of a journey (inside its describe): before, a fresh server labelled `name`
 * (`serverOptions` as startServer's: `{ demo: true }` loads the demo county first),
 * a browser and a page, handed to `started({ server, browser, page, problems })`; after, the
 * browser closes and the server stops.
 */
export function journeyHooks(name, started, serverOptions = {}) {
  let server
  let browser
  before(async () => {
    server = await startServer(name, serverOptions)
    browser = await launchBrowser()
    const { page, problems } = await openPage(browser, server.baseUrl)
    started({ server, browser, page, problems })
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })
}

/** Logs in through the admin login form (default: the bootstrap admin); resolves to the CSRF token. */
export async function login(page, username = ADMIN_USERNAME, password = ADMIN_PASSWORD) {
  await page.goto('/login')
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.waitForURL((url) => url.pathname === '/')
  const csrf = (await (await page.request.get('/api/v1/auth/me')).json()).csrfToken
  assert.ok(csrf, 'a CSRF token from /auth/me')
  return csrf
}

/**
 * A fresh browser context logged in as `username` through the API (no login form): resolves to
 * `{ context, page, problems, api, user }`; `page` has not navigated yet, `api` is apiClient's in
 * that session. `options` as openPage's (a phone viewport, …).
 */
export async function loginAs(browser, baseUrl, username, password, options = {}) {
  const { context, page, problems } = await openPage(browser, baseUrl, options)
  const res = await page.request.post('/api/v1/auth/login', { data: { username, password } })
  assert.ok(res.ok(), `log in as ${username} → ${res.status()}: ${await res.text()}`)
  const { csrfToken, user } = await res.json()
  return { context, page, problems, api: apiClient(page, csrfToken), user }
}

/**
 * Records the page's failed API answers (status ≥ 400) as "METHOD path → status", but those
 * matching `expected`; the returned array fills as the page works.
 */
export function apiFailures(page, expected = null) {
  const failures = []
  page.on('response', (res) => {
    const url = new URL(res.url())
    if (!url.pathname.startsWith('/api/') || res.status() < 400) return
    const failure = `${res.request().method()} ${url.pathname}${url.search} → ${res.status()}`
    if (!expected?.test(failure)) failures.push(failure)
  })
  return failures
}

/** The error toasts (ElMessage) the page shows right now, as text. */
export async function errorToasts(page) {
  return page.locator('.el-message--error').allInnerTexts()
}

/**
 * `api(method, path, data)` in the page's session: JSON in, the parsed answer out (undefined
 * when empty); anything but 2xx fails the test with the server's answer.
 */
export function apiClient(page, csrf) {
  return async function api(method, path, data) {
    const res = await page.request.fetch(`/api/v1${path}`, {
      method,
      headers: { 'X-CSRF-Token': csrf, 'Content-Type': 'application/json' },
      data: data === undefined ? undefined : JSON.stringify(data),
    })
    const text = await res.text()
    assert.ok(res.ok(), `${method} ${path} → ${res.status()}: ${text}`)
    return text ? JSON.parse(text) : undefined
  }
}

/**
 * Registers through the API an estate of COMMUNITY_CODE with one building (stairwell 1) and its
 * sold dwellings `{ floor, room, exclusiveArea, owner: { name, idNumber } }`, each with its owner.
 * Resolves to { estateId, buildingId, dwellingIds: { room → id } }.
 */
export async function seedEstate(api, { estate, building, dwellings }) {
  const { id: estateId } = await api('POST', '/estates', { regionCode: COMMUNITY_CODE, ...estate })
  const { id: buildingId } = await api('POST', `/estates/${estateId}/buildings`, { stairwells: 1, ...building })
  const dwellingIds = {}
  for (const d of dwellings) {
    const dwelling = await api('POST', `/buildings/${buildingId}/dwellings`, {
      stairwell: 1, floor: d.floor, room: d.room, exclusiveArea: d.exclusiveArea, areaSource: 'registered', saleStatus: 'sold',
    })
    dwellingIds[d.room] = dwelling.id
    const owner = await api('POST', '/owners', d.owner)
    await api('POST', `/dwellings/${dwelling.id}/owners`, { ownerId: owner.id })
  }
  return { estateId, buildingId, dwellingIds }
}

/** Creates a consultation through the API and opens it; resolves to it as created (still draft). */
export async function createOpenConsultation(api, consultation) {
  const created = await api('POST', '/consultations', consultation)
  await api('POST', `/consultations/${created.id}/open`)
  return created
}

// ---- the page ------------------------------------------------------------------------------

/** The <input> (or <textarea>) of an Element Plus input whose data-testid sits on it or its wrapper. */
export async function inputOf(page, testid) {
  const el = page.getByTestId(testid)
  const isInput = await el.evaluate((e) => e.tagName === 'INPUT' || e.tagName === 'TEXTAREA')
  return isInput ? el : el.locator('input, textarea').first()
}

export async function fill(page, testid, value) {
  await (await inputOf(page, testid)).fill(value)
}

/** Lets success toasts fade so the screenshots show the page itself. */
export async function settle(page) {
  await page.locator('.el-message').first().waitFor({ state: 'detached', timeout: 8_000 }).catch(() => {})
}

export async function assertNoCspViolations(page, problems) {
  assert.deepEqual(await cspViolations(page, problems), [], 'CSP violations reported in the console')
}

/**
 * No CSP violations and no console errors but the failed requests a journey provokes on purpose
 * (`expected`: the "status of …" codes, 401/403/404/409/422 unless told).
 */
export async function assertClean(page, problems, expected = /status of (40[1349]|422)/) {
  await assertNoCspViolations(page, problems)
  assert.deepEqual(problems.errors.filter((e) => !expected.test(e)), [], 'no script errors')
}
