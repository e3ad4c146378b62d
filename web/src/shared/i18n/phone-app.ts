// What the phone apps' root components (the H5 and the public portal) share: Vant's own texts
// (placeholders, toasts, dialogs) follow the UI locale, and the document title is the page's
// meta.titleKey followed by the app's name, in the current language.
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute } from 'vue-router'
import { Locale } from 'vant'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import vantEnUS from 'vant/es/locale/lang/en-US'

export function usePhoneApp(appNameKey: string): void {
  const { t, locale } = useI18n()
  const route = useRoute()
  watch(
    locale,
    (l) => (l === 'en-US' ? Locale.use('en-US', vantEnUS) : Locale.use('zh-CN', vantZhCN)),
    { immediate: true },
  )
  watch(
    [() => route.meta.titleKey, locale],
    ([key]) => {
      const app = t(appNameKey)
      document.title = key ? `${t(key as string)} · ${app}` : app
    },
    { immediate: true },
  )
}
