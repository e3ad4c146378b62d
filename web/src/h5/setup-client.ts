// Wires the shared request client to Vant: one toast per failed request (message, then hint),
// and a 401 sends the user to the login page.
import { showToast } from 'vant'
import type { Router } from 'vue-router'
import { configureClient } from '@/shared/api/client'
import { clearSession } from '@/shared/auth/session'
import { currentLocale, t } from '@/shared/i18n'

export function installClient(router: Router): void {
  configureClient({
    locale: currentLocale,
    fallbackMessage: (status) =>
      status === 0 ? t('common.error.network') : t('common.error.http', { status }),
    present: (e) => {
      showToast({
        message: [e.message, e.hint].filter(Boolean).join('\n'),
        wordBreak: 'break-word',
        duration: 4000,
        className: 'hx-api-error',
      })
    },
    onUnauthorized: () => {
      clearSession()
      const current = router.currentRoute.value
      if (current.name !== 'login') {
        void router.replace({ name: 'login', query: { redirect: current.fullPath } })
      }
    },
  })
}
