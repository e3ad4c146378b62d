// The H5 lives under /h5/ (the server falls back to h5/index.html for /h5/*).
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { loadSession } from '@/shared/auth/session'

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./views/login.vue'),
    meta: { public: true, titleKey: 'auth.login.title' },
  },
  { path: '/', name: 'home', component: () => import('./views/home.vue'), meta: { titleKey: 'menu.home' } },
  { path: '/me', name: 'me', component: () => import('./views/me.vue'), meta: { titleKey: 'menu.me' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

export const router = createRouter({ history: createWebHistory('/h5/'), routes })

router.beforeEach(async (to) => {
  let user = null
  try {
    user = await loadSession()
  } catch {
    user = null
  }
  if (to.meta.public) return user && to.name === 'login' ? { name: 'home' } : true
  if (!user) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  return true
})
