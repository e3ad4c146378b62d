import type { Plugin } from 'vite'

/**
 * Dev server only: the same SPA fallback the Huanxin server applies to dist/, so a reload on
 * /h5/me serves h5/index.html instead of the admin page, and /public or /public/estates/3 the
 * public portal's public-portal/index.html.
 */
export function h5Fallback(): Plugin {
  return {
    name: 'huanxin-h5-fallback',
    apply: 'serve',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url ?? ''
        const path = url.split('?')[0]
        if (path.startsWith('/h5/') && !path.includes('.', path.lastIndexOf('/'))) {
          req.url = '/h5/index.html'
        } else if (path === '/public' || (path.startsWith('/public/') && !path.includes('.', path.lastIndexOf('/')))) {
          req.url = '/public-portal/index.html'
        }
        next()
      })
    },
  }
}
