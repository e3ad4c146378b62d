import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

interface ChunkLike {
  type: 'chunk'
  fileName: string
  isEntry: boolean
  name: string
  facadeModuleId: string | null
  imports: string[]
  dynamicImports: string[]
  viteMetadata?: { importedCss: Set<string>; importedAssets: Set<string> }
}

/** Public files of the H5 that the service worker keeps from the start. */
const STATIC = ['/h5/', '/h5/manifest.webmanifest', '/h5/icons/icon-192.png', '/h5/icons/favicon-32.png']

/**
 * Build only: writes dist/h5/sw.js from src/h5/pwa/sw.js with the files the H5 page can load
 * (its entry chunk and everything it imports, statically or lazily, with their CSS and assets),
 * so the service worker can cache the app shell on install and the capture pages open offline.
 * The version is a hash of that list: a new build installs a new cache and drops the old one.
 */
export function h5Pwa(swSource: string): Plugin {
  return {
    name: 'huanxin-h5-pwa',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkLike>()
      for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item as unknown as ChunkLike)
      const entry = [...chunks.values()].find(
        (c) => c.isEntry && (c.name === 'h5' || (c.facadeModuleId ?? '').replace(/\\/g, '/').endsWith('/h5/index.html')),
      )
      if (!entry) {
        this.warn('h5 entry chunk not found: no service worker written')
        return
      }
      const files = new Set<string>()
      const queue = [entry.fileName]
      while (queue.length) {
        const name = queue.pop()!
        if (files.has(name)) continue
        files.add(name)
        const c = chunks.get(name)
        if (!c) continue
        queue.push(...c.imports, ...c.dynamicImports)
        for (const css of c.viteMetadata?.importedCss ?? []) files.add(css)
        for (const asset of c.viteMetadata?.importedAssets ?? []) files.add(asset)
      }
      const list = [...STATIC, ...[...files].sort().map((f) => `/${f}`)]
      const version = createHash('sha256').update(list.join('\n')).digest('hex').slice(0, 12)
      const source = readFileSync(swSource, 'utf8')
        .replace("'__HX_VERSION__'", JSON.stringify(version))
        .replace('__HX_PRECACHE__', JSON.stringify(list, null, 2))
      this.emitFile({ type: 'asset', fileName: 'h5/sw.js', source })
    },
  }
}
