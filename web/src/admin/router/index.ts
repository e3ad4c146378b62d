// Routes come from router/routes/modules/<context>.ts (one file per context, like the api and
// views folders); the side menu is built from the same records and the user's permissions.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'
import AdminLayout from '../layout/admin-layout.vue'
import { hasPermission, loadSession } from '@/shared/auth/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title and menu label. */
    titleKey?: string
    /** Permission code needed to see the page (absent: every logged-in user). */
    permission?: string
    /** Menu icon; pages without one stay out of the menu. */
    icon?: Component
    /** Sub-menu the entry sits in (entries with the same titleKey share one). */
    group?: { titleKey: string; icon: Component }
    /** Menu order. */
    order?: number
    /** Reachable without logging in. */
    public?: boolean
  }
}

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./routes/modules/*.ts', {
  eager: true,
})

/** Pages inside the layout, in menu order. */
export const pageRoutes: RouteRecordRaw[] = Object.values(modules)
  .flatMap((m) => m.default)
  .sort((a, b) => (a.meta?.order ?? 0) - (b.meta?.order ?? 0))

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/auth/login.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  { path: '/', component: AdminLayout, children: pageRoutes },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/'), routes })

router.beforeEach(async (to) => {
  let user = null
  try {
    user = await loadSession()
  } catch {
    user = null // server unreachable: the login form will say so when used
  }
  if (to.meta.public) {
    return user && to.name === 'login' ? { name: 'home' } : true
  }
  if (!user) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  if (to.meta.permission && !hasPermission(to.meta.permission)) return { name: 'home' }
  return true
})
