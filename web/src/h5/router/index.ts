// The H5 lives under /h5/ (the server falls back to h5/index.html for /h5/*). Routes come from
// router/routes/modules/<context>.ts (one file per context, as in the admin), merged here; a
// record's meta.home puts it on the home page (views/home/data.ts).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { loadSession } from '@/shared/auth/session'
import { moduleRoutes } from './routes'

/** A tile on the H5 home page that opens this route. */
export interface H5HomeTile {
  /** Unique; the tile's test id is `module-<key>`. A planned step with this key gives way. */
  key: string
  /** i18n key of the tile's label. */
  titleKey: string
  /** Vant icon name. */
  icon: string
  /** Place on the home page (the programme's order). */
  order: number
  /** Permission code needed to see the tile (absent: everyone). */
  permission?: string
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Opens without the server (its data comes from the phone's cache). */
    offline?: boolean
    /** Shown on the home page as a tile. */
    home?: H5HomeTile
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/login.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  ...moduleRoutes,
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/h5/'), routes })

// The printed ballots' QR codes encode `<base>/h5/#/ballot/<code>`: a hash route on the
// history router's root becomes the path it names (/h5/#/ballot/X → /h5/ballot/X), with its query
// (/h5/#/tickets/new?estate=1&key=… → /h5/tickets/new?estate=1&key=…).
router.beforeEach((to) => {
  if (to.path === '/' && to.hash.startsWith('#/')) {
    const [path, search = ''] = to.hash.slice(1).split('?')
    return { path, query: Object.fromEntries(new URLSearchParams(search)), replace: true }
  }
  return true
})

router.beforeEach(async (to) => {
  // Public pages other than login don't ask who is logged in (no 401 noise for residents).
  if (to.meta.public && to.name !== 'login') return true
  let user = null
  let unreachable = false
  try {
    user = await loadSession()
  } catch {
    user = null
    unreachable = true
  }
  if (to.meta.public) return user && to.name === 'login' ? { name: 'home' } : true
  // Offline (server unreachable), the capture pages still open with what the phone stored.
  if (!user && unreachable && to.meta.offline) return true
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  return true
})
