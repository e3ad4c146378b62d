// Debian's Chromium driven by playwright-core (no downloaded browser), plus what every journey
// needs: CSP violation capture, console errors, screenshots under build/e2e/.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { artifactsDir } from './server.mjs'

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  })
}

const CSP_TEXT = /Content[ -]Security[ -]Policy|Refused to (load|execute|apply|connect|evaluate|frame)/i

/**
 * A fresh context (own cookies and storage) and page. `problems.csp` collects CSP violations
 * from the console; `cspViolations(page)` also reads the securitypolicyviolation events that an
 * init script records (init scripts run outside the page's CSP).
 */
export async function openPage(browser, baseUrl, options = {}) {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: options.viewport ?? { width: 1440, height: 900 },
    ...(options.mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  })
  await context.addInitScript(() => {
    window.__cspViolations = []
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`)
    })
  })
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)
  const problems = { csp: [], errors: [] }
  page.on('console', (msg) => {
    const text = msg.text()
    if (CSP_TEXT.test(text)) problems.csp.push(text)
    else if (msg.type() === 'error') problems.errors.push(text)
  })
  page.on('pageerror', (err) => problems.errors.push(String(err)))
  return { context, page, problems }
}

export async function cspViolations(page, problems) {
  const recorded = await page.evaluate(() => window.__cspViolations ?? []).catch(() => [])
  return [...problems.csp, ...recorded]
}

export async function screenshot(page, journey) {
  mkdirSync(artifactsDir, { recursive: true })
  const path = join(artifactsDir, `${journey}.png`)
  // Finish CSS transitions (Element Plus tags zoom in) so the picture shows the settled page.
  await page.screenshot({ path, fullPage: true, animations: 'disabled' })
  return path
}

/** A phone: 390×844, touch, 2× pixels. */
export const PHONE = { viewport: { width: 390, height: 844 }, mobile: true }

/** A 1×1 PNG: the photo the journeys upload. */
export const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/** `shot(page, name)`: the journey's screenshot as build/e2e/<journey>-<name>.png and <dir>/<name>.png. */
export function shooter(journey, dir) {
  return async function shot(page, name) {
    await screenshot(page, `${journey}-${name}`)
    mkdirSync(dir, { recursive: true })
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true, animations: 'disabled' })
  }
}
