// Browser journey through long-term management (issue #15, docs/stewardship.md) on the demo data
// (`huanxin demo`: three estates of 洪都街道 hired a property company by owners' vote, one has a 红色
// 管家): the street office sets the 红色管家 estate to hosting on the page (no vote needed), then on
// an estate with a company runs the current month's bills (twice: nothing doubles), takes a payment
// and sees the collection rate move as the API computes it. Screenshots: build/e2e/stewardship-*.png.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { shooter } from './browser.mjs'
import { apiClient, apiFailures, assertClean, fill, journeyHooks, login, settle } from './fixtures.mjs'
import { DEMO_PASSWORD } from './server.mjs'

const shot = shooter('stewardship', process.env.STEWWEB_SHOTS ?? '/tmp/stewweb-shots')

let server
let browser
let page
let problems

describe('long-term management journey', () => {
  journeyHooks('stewardship', (j) => ({ server, browser, page, problems } = j), { demo: true })

  test('set a mode, run bills, take a payment, see the collection rate', async () => {
    apiFailures(page, /^GET \/api\/v1\/auth\/me → 401$/)
    const api = apiClient(page, await login(page, 'hongdu.street', DEMO_PASSWORD))
    const estates = (await api('GET', '/estates?pageSize=100')).items
    const byMode = {}
    for (const e of estates) {
      const m = await api('GET', `/estates/${e.id}/management`)
      if (m.mode) (byMode[m.mode.mode] ??= []).push(m)
    }
    assert.ok(byMode.red_steward?.length, 'the demo has a 红色管家 estate')
    assert.ok(byMode.property_company?.length >= 1, 'the demo has estates with a company')
    assert.ok(byMode.property_company[0].mode.consultationId, "the company was hired by an owners' vote")

    // a. 红色管家 → hosting on the page.
    const red = byMode.red_steward[0].estateId
    await page.goto(`/stewardship?estateId=${red}`)
    await page.getByTestId('stew-current-mode').waitFor()
    assert.match(await page.getByTestId('stew-current-mode').innerText(), /红色管家/)
    await page.getByTestId('stew-mode').click()
    await page.getByTestId('stew-mode-hosting').click()
    await fill(page, 'stew-company', '洪都街道物业托管中心')
    await fill(page, 'stew-fee', '0.30')
    await page.getByTestId('stew-mode-save').click()
    await page.getByTestId('stew-current-mode').filter({ hasText: '街道或国企托管' }).waitFor()
    const after = await api('GET', `/estates/${red}/management`)
    assert.equal(after.mode.mode, 'hosting')
    assert.equal(after.mode.feeFenPerM2Month, 30)
    assert.equal(after.history.at(-2).mode, 'red_steward')
    await settle(page)
    await shot(page, 'mode')

    // b. Bills of the current month on a company estate, a payment, the rate.
    const estate = byMode.property_company[0].estateId
    await page.goto(`/stewardship?estateId=${estate}`)
    await page.getByTestId('stew-current-mode').waitFor()
    await page.getByRole('tab', { name: '物业费' }).click()
    const month = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7)
    await fill(page, 'stew-period', month)
    await page.getByTestId('stew-run').click()
    await page.getByTestId('stew-rate').filter({ hasText: '0.00%' }).waitFor()
    await settle(page)
    await page.getByTestId('stew-run').click()
    await settle(page)
    const fees = await api('GET', `/estates/${estate}/fees?period=${month}`)
    assert.ok(fees.bills > 0)
    assert.equal(fees.items.length, fees.bills, 'a second run billed nobody twice')
    const bill = fees.items[0]
    await page.getByTestId(`stew-pay-${bill.id}`).click()
    await settle(page)
    const paid = await api('GET', `/estates/${estate}/fees?period=${month}`)
    assert.equal(paid.paid, bill.amount)
    // The page refreshes its figures after the payment's answer: wait for the stored rate to show.
    await page.getByTestId('stew-rate').filter({ hasText: `${paid.collectionRate.toFixed(2)}%` }).waitFor()
    assert.ok(paid.collectionRate > 0)
    await shot(page, 'fees')
    await assertClean(page, problems)
  })
})
