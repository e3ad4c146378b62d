// The public portal (issue #15): no login, phone-first, Vant. Built to
// dist/public-portal/index.html (entry `public` in vite.config.ts, page public-portal/index.html);
// the server serves that file for /public and every /public/* path without a dot in its last
// segment (the SPA fallback in src/http/static_files.cpp), and the router's base is /public/.
import { createApp } from 'vue'
import { Button, Cell, CellGroup, ConfigProvider, Field, NavBar, Tabbar, TabbarItem } from 'vant'
import 'vant/lib/index.css'
import App from './App.vue'
import { router } from './router'
import { configureClient } from '@/shared/api/client'
import { currentLocale, i18n, t } from '@/shared/i18n'
import { showToast } from 'vant'
import './styles.css'

// No session here: a failed request shows one toast; a 401 cannot happen on public routes.
configureClient({
  locale: currentLocale,
  fallbackMessage: (status) => (status === 0 ? t('common.error.network') : t('common.error.http', { status })),
  present: (e) => {
    showToast({ message: [e.message, e.hint].filter(Boolean).join('\n'), wordBreak: 'break-word', duration: 4000 })
  },
  onUnauthorized: () => {},
})

const app = createApp(App).use(i18n).use(router)
for (const c of [Button, Cell, CellGroup, ConfigProvider, Field, NavBar, Tabbar, TabbarItem]) app.use(c)
app.mount('#app')
