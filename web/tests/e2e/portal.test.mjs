// Browser journey through the public portal and the big screen (issue #15, docs/portal.md) on
// the demo data (`huanxin demo`):
//   a. every portal page (home, an estate, open data, audit heads, ballot receipt) on a phone
//      (375×812), in Chinese and in English, without a login: it shows its data, axe-core finds no
//      serious or critical WCAG 2 A/AA violation, nothing breaks the CSP, and no page shows a
//      phone or ID number
//   b. the language switch, the estate list's paging and region filter, the open data links
//      (each CSV and JSON downloads), the receipt check opening the H5's receipt page
//   c. the admin's big screen at 1920×1080: every chart draws on its canvas, the rankings panel
//      says there is nothing yet when the rankings route is absent or refused
// Screenshots: build/e2e/portal-*.png and /tmp/portal-shots/*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { axeViolations } from './axe.mjs'
import { openPage, shooter } from './browser.mjs'
import { apiFailures, assertClean, journeyHooks, login } from './fixtures.mjs'

const shot = shooter('portal', process.env.PORTAL_SHOTS ?? '/tmp/portal-shots')
const PHONE_375 = { viewport: { width: 375, height: 812 }, mobile: true }
const SERIOUS = /\((serious|critical)\)/
// A mainland mobile number or an 18-character resident ID number anywhere in the page's text.
// Whole tokens only: a digit run inside a hex hash (the audit heads page) is not a phone number.
const PERSONAL = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])|(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/

let server
let browser
let page
let problems

/** A phone context in `locale` (the portal remembers the choice in localStorage). */
async function phoneIn(locale) {
  const opened = await openPage(browser, server.baseUrl, PHONE_375)
  await opened.context.addInitScript((l) => localStorage.setItem('hx.locale', l), locale)
  return opened
}

async function checkPage(p, name, locale) {
  const serious = (await axeViolations(p)).filter((v) => SERIOUS.test(v))
  assert.deepEqual(serious, [], `${name} (${locale}): serious or critical axe violations`)
  const text = await p.locator('body').innerText()
  assert.doesNotMatch(text, PERSONAL, `${name} (${locale}) shows no phone or ID number`)
  await shot(p, `${name}-${locale}`)
}

describe('public portal and big screen journey', () => {
  journeyHooks('portal', (j) => ({ server, browser, page, problems } = j), { demo: true })

  for (const locale of ['zh-CN', 'en-US']) {
    test(`a. every portal page on a phone in ${locale}, no login`, async () => {
      const { context, page: phone, problems: phoneProblems } = await phoneIn(locale)
      const failures = apiFailures(phone)
      const stats = await (await phone.request.get('/api/v1/public/stats')).json()
      const list = await (await phone.request.get('/api/v1/public/estates?pageSize=500')).json()
      assert.ok(list.total > 0, 'the demo has estates')

      await phone.goto('/public')
      await phone.getByTestId('portal-stats').waitFor({ timeout: 30_000 }) // the first page of a busy machine
      assert.equal(await phone.evaluate(() => document.documentElement.lang), locale)
      assert.equal(await phone.getByTestId('stat-estates').innerText(), String(stats.estates))
      assert.equal(await phone.getByTestId('stat-planned').innerText(), String(stats.projects.planned))
      await phone.locator('[data-testid^="portal-estate-"]').first().waitFor()
      await phone.locator('[data-testid="portal-map"] canvas').waitFor()
      const title = await phone.locator('.hx-portal-header__title').innerText()
      assert.equal(title, locale === 'zh-CN' ? '老旧小区改造公开' : 'Estate renovation in the open')
      await checkPage(phone, 'home', locale)

      // The estate with the most to show: one in a project.
      const shown = list.items.find((e) => e.renovationStatus !== 'none') ?? list.items[0]
      await phone.goto(`/public/estates/${shown.id}`)
      await phone.getByTestId('portal-estate-name').waitFor()
      assert.equal(await phone.getByTestId('portal-estate-name').innerText(), shown.name)
      const detail = await (await phone.request.get(`/api/v1/public/estates/${shown.id}`)).json()
      if (detail.management === null) {
        assert.equal(await phone.getByTestId('portal-management-none').innerText(), locale === 'zh-CN' ? '暂无' : 'None yet')
      }
      assert.equal(await phone.locator('[data-testid="portal-estate-plan"] tbody tr').count(), detail.plan.length)
      assert.equal(await phone.locator('[data-testid="portal-estate-notices"] details').count(), detail.notices.length)
      await phone.locator('[data-testid="portal-estate-notices"] details summary').first().click().catch(() => {})
      await checkPage(phone, 'estate', locale)

      await phone.getByTestId('tab-open-data').click()
      await phone.waitForURL(/\/public\/open-data$/)
      await phone.getByTestId('dataset-estates-csv').waitFor()
      await checkPage(phone, 'open-data', locale)

      await phone.getByTestId('tab-audit-heads').click()
      await phone.waitForURL(/\/public\/audit-heads$/)
      await phone.locator('[data-testid="audit-heads-table"], [data-testid="audit-heads-empty"]').first().waitFor()
      const heads = await (await phone.request.get('/api/v1/public/audit-heads')).json()
      assert.equal(await phone.locator('[data-testid="audit-heads-table"] tbody tr').count(), heads.length)
      await checkPage(phone, 'audit-heads', locale)

      await phone.getByTestId('tab-receipt').click()
      await phone.waitForURL(/\/public\/receipt$/)
      await checkPage(phone, 'receipt', locale)

      assert.deepEqual(failures, [], 'no public request failed')
      await assertClean(phone, phoneProblems)
      await context.close()
    })
  }

  test('b. the language switch, paging and region filter, open data links, the receipt check', async () => {
    const { context, page: phone, problems: phoneProblems } = await phoneIn('zh-CN')
    await phone.goto('/public/')
    await phone.getByTestId('portal-stats').waitFor({ timeout: 30_000 }) // the first page of a busy machine
    await phone.getByTestId('locale-en-US').click()
    await phone.getByText('The programme at a glance').waitFor()
    assert.equal(await phone.evaluate(() => localStorage.getItem('hx.locale')), 'en-US')
    await phone.getByTestId('locale-zh-CN').click()
    await phone.getByText('改造总体情况').waitFor()

    // Paging: ten a page, as many pages as the API says.
    const all = await (await phone.request.get('/api/v1/public/estates?pageSize=500')).json()
    const cards = phone.locator('[data-testid="portal-estates"] > li')
    await cards.first().waitFor()
    assert.equal(await cards.count(), Math.min(10, all.total))
    if (all.total > 10) {
      await phone.getByTestId('portal-next').click()
      await phone.getByTestId('portal-page').filter({ hasText: '第 2 /' }).waitFor()
      assert.equal(await cards.count(), Math.min(10, all.total - 10))
    }

    // The region filter offers the estates' streets; picking one lists only its estates.
    const street = all.items.find((e) => e.street)
    assert.ok(street, 'a demo estate names its street')
    const code = street.regionCode.slice(0, 9)
    const inStreet = (await (await phone.request.get(`/api/v1/public/estates?regionCode=${code}&pageSize=500`)).json()).total
    await phone.getByTestId('portal-region').selectOption(code)
    await phone.getByText(`共 ${inStreet} 个小区`).waitFor()
    assert.equal(await cards.count(), Math.min(10, inStreet))

    // The search narrows the page by name.
    const first = (await cards.first().locator('.hx-portal-estate__name').innerText()).trim()
    await phone.getByTestId('portal-search').fill(first)
    assert.ok((await cards.count()) >= 1)
    for (const name of await cards.locator('.hx-portal-estate__name').allInnerTexts()) assert.ok(name.includes(first))

    // Every dataset downloads as CSV and as JSON from its link.
    await phone.goto('/public/open-data')
    const links = phone.locator('a[data-testid^="dataset-"]')
    await links.first().waitFor()
    assert.equal(await links.count(), 10)
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      const res = await phone.request.get(href)
      assert.equal(res.status(), 200, href)
      const type = res.headers()['content-type'] ?? ''
      if (href.endsWith('.csv')) assert.match(type, /text\/csv/, href)
      else assert.ok(Array.isArray(await res.json()), `${href} is a JSON list`)
    }

    // The receipt check opens the H5's receipt page with the code.
    await phone.goto('/public/receipt')
    await phone.getByTestId('portal-receipt-code').fill('NOSUCHCODE1')
    await phone.getByTestId('portal-receipt-check').click()
    await phone.waitForURL(/\/h5\/receipt\/NOSUCHCODE1$/)
    await phone.getByTestId('receipt-input').waitFor()
    await assertClean(phone, phoneProblems)
    await context.close()
  })

  test('c. the big screen at 1920×1080 draws every chart', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 })
    await login(page)
    await page.getByTestId('menu-dashboard').click()
    await page.waitForURL(/\/dashboard$/)
    await page.getByTestId('dashboard').waitFor()
    const stats = await (await page.request.get('/api/v1/public/stats?regionCode=3601')).json()
    await page.getByTestId('dashboard-figure-estates').filter({ hasText: String(stats.estates) }).waitFor()
    const charts = ['progress', 'money', 'tickets', 'map']
    for (const c of charts) await page.locator(`[data-testid="dashboard-chart-${c}"] canvas`).waitFor()
    await page.waitForTimeout(800) // ECharts' first frame animates in
    for (const c of charts) {
      const drawn = await page.locator(`[data-testid="dashboard-chart-${c}"] canvas`).first().evaluate((canvas) => {
        if (canvas.width < 100 || canvas.height < 100) return false
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
        let painted = 0
        for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) painted++
        return painted > 500
      })
      assert.ok(drawn, `the ${c} chart is drawn`)
    }
    // The street ranking of this year (the demo scores estates of two streets): drawn when the API
    // ranks any street, otherwise the panel says there is none.
    const year = new Date().getFullYear()
    const rankings = await page.request.get(`/api/v1/rankings?level=street&regionCode=3601&period=${year}`)
    assert.ok(rankings.ok(), `rankings answer ${rankings.status()}`)
    const ranked = ((await rankings.json()).items ?? []).length
    if (ranked > 0) await page.locator('[data-testid="dashboard-chart-rankings"] canvas').waitFor()
    else await page.getByTestId('dashboard-rankings-empty').waitFor()
    await page.screenshot({ path: `${process.env.PORTAL_SHOTS ?? '/tmp/portal-shots'}/dashboard.png` })
    await shot(page, 'dashboard-full')

    // Another region redraws with its figures.
    const county = await (await page.request.get('/api/v1/public/stats?regionCode=360104')).json()
    await page.getByTestId('dashboard-region').selectOption('360104')
    await page.getByTestId('dashboard-figure-estates').filter({ hasText: String(county.estates) }).waitFor()
    await page.getByTestId('dashboard-exit').click()
    await page.waitForURL((url) => !url.pathname.startsWith('/dashboard'))
    await assertClean(page, problems)
  })
})
