// The phone H5 and the API docs page against the real server: log in on a phone-sized screen,
// see the home and "me" pages; the swagger page renders the server's OpenAPI document.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { cspViolations, launchBrowser, openPage, screenshot } from './browser.mjs'
import { ADMIN_PASSWORD, ADMIN_USERNAME, startServer } from './server.mjs'

let server
let browser

describe('h5 and api docs', () => {
  before(async () => {
    server = await startServer('h5')
    browser = await launchBrowser()
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('f. h5: log in on a phone, see home and me', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl, {
      viewport: { width: 390, height: 844 },
      mobile: true,
    })
    await page.goto('/h5/')
    await page.waitForURL(/\/h5\/login/)
    await page.getByTestId('login-username').locator('input').fill(ADMIN_USERNAME)
    await page.getByTestId('login-password').locator('input').fill(ADMIN_PASSWORD)
    await page.getByTestId('login-submit').click()
    await page.waitForURL((url) => url.pathname === '/h5/')

    const me = (await (await page.request.get('/api/v1/auth/me')).json()).user
    await page.getByTestId('home-welcome').filter({ hasText: me.displayName }).waitFor()
    assert.equal(await page.getByTestId('module-ballot').isVisible(), true)
    await screenshot(page, 'f-h5-home')

    await page.getByTestId('tab-me').click()
    await page.waitForURL(/\/h5\/me$/)
    assert.match(await page.getByTestId('me-display-name').innerText(), new RegExp(me.displayName))
    await page.getByTestId('locale-en-US').click()
    assert.equal((await page.getByTestId('tab-me').innerText()).trim(), 'Me')
    await screenshot(page, 'f-h5-me')

    // A deep link is served by the /h5/* fallback and keeps the session.
    await page.goto('/h5/me')
    await page.getByTestId('me-display-name').waitFor()
    assert.deepEqual(await cspViolations(page, problems), [])
    await page.context().close()
  })

  test('g. the API docs page renders the OpenAPI document', async () => {
    const { page, problems } = await openPage(browser, server.baseUrl)
    const res = await page.goto('/api/docs')
    assert.equal(res.status(), 200)
    await page.locator('#swagger-ui .info .title').waitFor({ timeout: 30_000 })
    assert.ok((await page.locator('#swagger-ui .info .title').innerText()).trim().length > 0)
    await screenshot(page, 'g-api-docs')
    assert.deepEqual(await cspViolations(page, problems), [])
    await page.context().close()
  })
})
