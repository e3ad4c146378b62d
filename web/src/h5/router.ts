// The H5 lives under /h5/ (the server falls back to h5/index.html for /h5/*).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { loadSession } from '@/shared/auth/session'

declare module 'vue-router' {
  interface RouteMeta {
    /** Opens without the server (its data comes from the phone's cache). */
    offline?: boolean
  }
}

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/login.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  { path: '/', name: 'home', component: () => import('./views/home.vue'), meta: { titleKey: 'menu.home' } },
  { path: '/me', name: 'me', component: () => import('./views/me.vue'), meta: { titleKey: 'menu.me' } },
  // The grid workers' check-up capture (issue #4): works offline once opened (`offline`).
  {
    path: '/checkup',
    name: 'checkup',
    component: () => import('./views/checkup/pages').then((m) => m.CaptureIndex),
    meta: { titleKey: 'checkup.h5.title', offline: true },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)',
    name: 'checkup-estate',
    component: () => import('./views/checkup/pages').then((m) => m.CaptureEstate),
    props: (r) => ({ id: Number(r.params.id), estateId: Number(r.params.estateId) }),
    meta: { titleKey: 'checkup.h5.title', offline: true },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)/estate',
    name: 'checkup-estate-checklist',
    component: () => import('./views/checkup/pages').then((m) => m.CaptureChecklist),
    props: (r) => ({ id: Number(r.params.id), estateId: Number(r.params.estateId) }),
    meta: { titleKey: 'checkup.h5.checklist', offline: true },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)/buildings/:buildingId(\\d+)',
    name: 'checkup-building-checklist',
    component: () => import('./views/checkup/pages').then((m) => m.CaptureChecklist),
    props: (r) => ({ id: Number(r.params.id), estateId: Number(r.params.estateId), buildingId: Number(r.params.buildingId) }),
    meta: { titleKey: 'checkup.h5.checklist', offline: true },
  },
  // Residents' voting page and the receipt check: public, the code is the credential.
  {
    path: '/ballot/:code',
    name: 'ballot',
    component: () => import('./views/ballot.vue'),
    props: true,
    meta: { public: true, titleKey: 'h5.ballot.title' },
  },
  {
    path: '/receipt/:code?',
    name: 'receipt',
    component: () => import('./views/receipt.vue'),
    props: true,
    meta: { public: true, titleKey: 'h5.receipt.title' },
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/h5/'), routes })

// The printed ballots' QR codes encode `<base>/h5/#/ballot/<code>`: a hash route on the
// history router's root becomes the path it names (/h5/#/ballot/X → /h5/ballot/X).
router.beforeEach((to) => {
  if (to.path === '/' && to.hash.startsWith('#/')) return { path: to.hash.slice(1).split('?')[0], replace: true }
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
