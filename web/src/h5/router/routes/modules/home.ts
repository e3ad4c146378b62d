import type { RouteRecordRaw } from 'vue-router'

// The H5 shell: the home page (its tiles come from the other modules' meta.home) and "me".
const routes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: () => import('../../../views/home/index.vue'), meta: { titleKey: 'menu.home' } },
  { path: '/me', name: 'me', component: () => import('../../../views/me.vue'), meta: { titleKey: 'menu.me' } },
]
export default routes
