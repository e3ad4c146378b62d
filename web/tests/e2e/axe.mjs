// axe-core in Chromium (the brief: public pages are checked by axe-core): injects the library into
// the page and runs the WCAG 2 A and AA rules; returns the violations as short lines.
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
let source

export async function axeViolations(page, { exclude = [] } = {}) {
  source ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8')
  // Evaluated over the DevTools protocol, which the page's Content-Security-Policy does not govern
  // (an injected <script> tag would be refused by script-src 'self', as it should be).
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(source)
  const result = await page.evaluate(
    async ([excluded]) =>
      window.axe.run(
        { include: [document], exclude: excluded.map((s) => [s]) },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] },
      ),
    [exclude],
  )
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`,
  )
}
