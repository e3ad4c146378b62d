// The portal's pages under /public/ (history mode; the server falls back to the portal's
// index.html for /public/*).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'

const routes: RouteRecordRaw[] = [
  { path: '/', name: 'portal-home', component: () => import('./views/home.vue') },
  {
    path: '/estates/:id(\\d+)',
    name: 'portal-estate',
    component: () => import('./views/estate.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { titleKey: 'portal.nav.estate' },
  },
  { path: '/open-data', name: 'portal-open-data', component: () => import('./views/open-data.vue'), meta: { titleKey: 'portal.nav.openData' } },
  { path: '/audit-heads', name: 'portal-audit-heads', component: () => import('./views/audit-heads.vue'), meta: { titleKey: 'portal.nav.auditHeads' } },
  { path: '/receipt', name: 'portal-receipt', component: () => import('./views/receipt.vue'), meta: { titleKey: 'portal.nav.receipt' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({
  history: createWebHistory('/public/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})
