import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'

const require = createRequire(import.meta.url)
const ownDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'api-docs')

/**
 * Emits dist/api-docs/: our static index.html and init.js (no inline script, so the page works
 * under the server's `script-src 'self'`) plus swagger-ui-dist's stylesheet and bundle copied
 * from node_modules. The server answers GET /api/docs with dist/api-docs/index.html.
 */
export function apiDocs(): Plugin {
  return {
    name: 'huanxin-api-docs',
    apply: 'build',
    generateBundle() {
      const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'))
      const files: Array<[string, string]> = [
        ['index.html', join(ownDir, 'index.html')],
        ['init.js', join(ownDir, 'init.js')],
        ['swagger-ui.css', join(swaggerDir, 'swagger-ui.css')],
        ['swagger-ui-bundle.js', join(swaggerDir, 'swagger-ui-bundle.js')],
      ]
      for (const [name, source] of files) {
        this.emitFile({ type: 'asset', fileName: `api-docs/${name}`, source: readFileSync(source) })
      }
    },
  }
}
