import type { Plugin } from 'vite'

// `, url(//host/…) format("…")` or with http(s): an off-site fallback in an @font-face src list.
const REMOTE_FONT_SOURCE = /,\s*url\(\s*["']?(?:https?:)?\/\/[^)]+\)\s*format\([^)]*\)/g

/**
 * Drops off-site fallbacks from @font-face rules in third-party CSS. Vant's icon font ships as an
 * inline woff2 plus a woff on a CDN; Chromium fetched the CDN copy too, which the server's
 * `font-src 'self' data:` blocks (a console CSP violation), and the platform should make no
 * third-party requests anyway. The inline woff2 stays and renders the icons.
 */
export function localFonts(): Plugin {
  return {
    name: 'huanxin-local-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('node_modules') || !/\.css($|\?)/.test(id)) return null
      if (!code.includes('@font-face')) return null
      const stripped = code.replace(REMOTE_FONT_SOURCE, '')
      return stripped === code ? null : { code: stripped, map: null }
    },
  }
}
