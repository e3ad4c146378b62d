// Wires the shared request client to Element Plus and the admin router: errors appear once as
// an ElMessage (message, detail, hint) and a 401 sends the user to the login page.
import { h } from 'vue'
import { ElMessage } from 'element-plus'
import type { Router } from 'vue-router'
import { configureClient, type ApiError } from '@/shared/api/client'
import { clearSession } from '@/shared/auth/session'
import { currentLocale, t } from '@/shared/i18n'

function errorContent(e: ApiError) {
  return h('div', { class: 'hx-error' }, [
    h('div', { class: 'hx-error__message' }, e.message),
    e.detail ? h('div', { class: 'hx-error__detail' }, e.detail) : null,
    e.hint ? h('div', { class: 'hx-error__hint' }, e.hint) : null,
  ])
}

export function installClient(router: Router): void {
  configureClient({
    locale: currentLocale,
    fallbackMessage: (status) =>
      status === 0 ? t('common.error.network') : t('common.error.http', { status }),
    present: (e) => {
      ElMessage({
        type: 'error',
        message: errorContent(e),
        customClass: 'hx-api-error',
        duration: 6000,
        showClose: true,
        grouping: true,
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
