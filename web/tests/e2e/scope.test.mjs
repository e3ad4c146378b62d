// Users below the county see their own scope (issue #11): a street office and a community grid
// worker open the problem list — and every other page of their menu — without being asked for a
// region they may not read; the grid worker reaches the estate assigned to them from the H5 home
// on a phone in two taps.
//   a. set-up through the API: two estates, a street-office user, a grid worker, a campaign over
//      the street with both estates assigned to the worker; the worker captures and submits the
//      first, the admin approves it
//   b. the street office's problem list: the campaign's problems and the roll-up of its street
//      by community, no error
//   c. the grid worker's problem list: the same, rolled up for their community
//   d. every menu page of both users opens on their own scope without an error
//   e. on a phone, the grid worker goes from the H5 home to the assigned estate's capture
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { screenshot } from './browser.mjs'
import { apiClient, apiFailures, assertClean, COMMUNITY_CODE, errorToasts, journeyHooks, login, loginAs } from './fixtures.mjs'
import { artifactsDir } from './server.mjs'

const STREET_CODE = COMMUNITY_CODE.slice(0, 9)
const STREET = { username: 'hongdu_office', displayName: '洪都街道专班', password: 'Street#2026pass', role: 'street', scopeCode: STREET_CODE }
const GRID = { username: 'grid_li', displayName: '李网格', password: 'Grid#2026pass', role: 'community', scopeCode: COMMUNITY_CODE }
const YEAR = 2026

// Menu pages that list or roll up by region, with the permission that shows them (home has its
// own journey, home.test.mjs).
const PAGES = [
  { path: '/register/estates', permission: 'register:read', ready: 'estate-table' },
  { path: '/checkups', permission: 'checkup:read', ready: 'checkup-table' },
  { path: '/checkups/problems', permission: 'checkup:read', ready: 'problem-table' },
  { path: '/checkups/catalog', permission: 'checkup:read' },
  { path: '/checkups/items', permission: 'checkup:read' },
  { path: '/consultations', permission: 'consultation:read', ready: 'consultation-table' },
  { path: '/consultations/lift-share', permission: 'consultation:read' },
  { path: '/users', permission: 'user:manage', ready: 'user-table' },
  { path: '/audit', permission: 'audit:read', ready: 'audit-table' },
  { path: '/regions', permission: 'region:read', ready: 'region-table' },
]

/** Opens a page and waits until it has finished asking the server. */
async function open(page, path, readyTestId) {
  await page.goto(path)
  if (readyTestId) await page.getByTestId(readyTestId).waitFor()
  await page.waitForLoadState('networkidle')
}

describe('own scope: problem list, pages and the H5 home for street and community users', () => {
  let server
  let browser
  let page
  let problems
  let api
  let campaign
  let estateIds

  journeyHooks('scope', (started) => {
    ;({ server, browser, page, problems } = started)
  })

  test('a. set-up through the API: estates, users, a campaign, one estate captured and approved', async () => {
    api = apiClient(page, await login(page))
    estateIds = []
    const buildings = []
    for (const name of ['洪都一村', '洪都二村']) {
      const { id } = await api('POST', '/estates', { regionCode: COMMUNITY_CODE, name, address: `洪都中大道 ${estateIds.length + 1} 号`, builtYear: 1992 })
      estateIds.push(id)
      buildings.push((await api('POST', `/estates/${id}/buildings`, { number: '1', floors: 5, stairwells: 1 })).id)
    }
    await api('POST', '/users', STREET)
    const grid = await api('POST', '/users', GRID)
    campaign = await api('POST', '/checkups', { title: `${YEAR}年洪都街道体检`, year: YEAR, regionCode: STREET_CODE, estateIds })
    await api('POST', `/checkups/${campaign.id}/assign`, { estateIds, userId: grid.id })

    // The worker captures two problems in the first estate and submits it; the admin approves.
    const worker = await loginAs(browser, server.baseUrl, GRID.username, GRID.password)
    await worker.api('POST', `/checkups/${campaign.id}/observations`, {
      observations: [
        { clientId: randomUUID(), estateId: estateIds[0], buildingId: buildings[0], indicator: 'H04', criterion: 'H04.finish_loss', value: 18 },
        { clientId: randomUUID(), estateId: estateIds[0], indicator: 'C19', criterion: 'C19.not_sorted', present: true },
      ],
    })
    await worker.api('POST', `/checkups/${campaign.id}/submit`, { estateId: estateIds[0] })
    await worker.context.close()
    const approved = await api('POST', `/checkups/${campaign.id}/approve`, { estateId: estateIds[0] })
    assert.deepEqual(approved.estates.map((e) => e.status), ['approved', 'draft'])
  })

  for (const [letter, who, rollupTitle] of [
    ['b', STREET, '按社区统计（与上年对比）'],
    ['c', GRID, '按下级区划统计（与上年对比）'],
  ]) {
    test(`${letter}. the ${who.role} user's problem list opens on their own scope`, async () => {
      const user = await loginAs(browser, server.baseUrl, who.username, who.password)
      const failures = apiFailures(user.page)
      await open(user.page, '/checkups/problems', 'problem-table')
      const table = user.page.getByTestId('problem-table')
      await table.locator('.el-table__row').nth(1).waitFor()
      assert.equal(await table.locator('.el-table__row').count(), 2, 'the two problems of the approved estate')
      await user.page.waitForLoadState('networkidle')
      assert.deepEqual(failures, [], 'no request refused')
      assert.deepEqual(await errorToasts(user.page), [], 'no error message')
      assert.equal((await user.page.getByTestId('problem-rollup-title').innerText()).trim(), rollupTitle)
      await user.page.getByTestId('problem-chart-street').locator('canvas').waitFor()
      const region = await user.page.getByTestId('problem-rollup-region').locator('input').inputValue()
      assert.ok(region.length > 0, 'the roll-up shows the user\'s region')
      await user.page.waitForTimeout(600) // chart animations
      await screenshot(user.page, `scope-${who.role}-problems`)
      await assertClean(user.page, user.problems)
      await user.context.close()
    })
  }

  test('d. every menu page of the street and community users opens without an error', async () => {
    for (const who of [STREET, GRID]) {
      const user = await loginAs(browser, server.baseUrl, who.username, who.password)
      const failures = apiFailures(user.page)
      const opened = []
      for (const p of PAGES.filter((p) => user.user.permissions.includes(p.permission))) {
        await open(user.page, p.path, p.ready)
        assert.deepEqual(failures, [], `${who.username} on ${p.path}: no request refused`)
        assert.deepEqual(await errorToasts(user.page), [], `${who.username} on ${p.path}: no error message`)
        opened.push(p.path)
      }
      assert.ok(opened.includes('/checkups/problems') && opened.includes('/register/estates'), `${who.username} opened ${opened}`)
      await assertClean(user.page, user.problems)
      await user.context.close()
    }
  })

  test('e. on a phone, the grid worker opens the assigned estate from the H5 home', async () => {
    const { context, page: phone, problems: phoneProblems } = await loginAs(browser, server.baseUrl, GRID.username, GRID.password, {
      viewport: { width: 390, height: 844 },
      mobile: true,
    })
    await phone.goto('/h5/')
    await phone.getByTestId('home-welcome').filter({ hasText: GRID.displayName }).waitFor()
    const available = phone.getByTestId('home-available')
    assert.equal(await available.getByTestId('module-checkup').isVisible(), true, 'the check-up is available')
    assert.equal(await available.getByTestId('module-ballot').isVisible(), true, 'voting is available')
    const coming = await phone.getByTestId('home-coming').locator('.van-grid-item__text').allInnerTexts()
    // Supervision is built (the grid worker inspects: supervision:read), so it is no longer coming.
    assert.equal(await available.getByTestId('module-supervision').isVisible(), true, 'the inspection is available')
    assert.deepEqual(coming, ['项目与资金', '长效管理'], 'only the steps not built yet are coming')
    mkdirSync(artifactsDir, { recursive: true })
    await phone.screenshot({ path: join(artifactsDir, 'scope-h5-home.png'), animations: 'disabled' })

    // Tap 1: the check-up; tap 2: the estate still to capture.
    await phone.getByTestId('module-checkup').click()
    await phone.waitForURL(/\/h5\/checkup$/)
    const estate = phone.getByTestId(`capture-estate-${estateIds[1]}`)
    await estate.waitFor()
    assert.match(await estate.innerText(), /洪都二村[\s\S]*待采集/)
    await phone.screenshot({ path: join(artifactsDir, 'scope-h5-campaigns.png'), animations: 'disabled' })
    await estate.click()
    await phone.waitForURL(new RegExp(`/h5/checkup/${campaign.id}/${estateIds[1]}$`))
    await phone.getByTestId('capture-estate-status').filter({ hasText: '待采集' }).waitFor()
    await phone.getByTestId('capture-estate-level').waitFor()
    await phone.screenshot({ path: join(artifactsDir, 'scope-h5-estate.png'), animations: 'disabled' })
    await assertClean(phone, phoneProblems)
    await context.close()
    await assertClean(page, problems)
  })
})
