// The register's closed vocabularies (status, ownership types, area source, …) come from the
// server in the request's language (GET /register/dictionaries), so their labels live in one
// place (core/register/codes.cpp). Loaded once per UI language and shared by every page.
import { computed, reactive, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { getDictionaries } from '../api/register/dictionary'
import type { Choice, Dictionaries, DictionaryName } from '../api/register/types'
import { currentLocale, type Locale } from './index'

const cache = reactive<Partial<Record<Locale, Dictionaries>>>({})
const pending = new Map<Locale, Promise<void>>()

/** Fetches the vocabularies for `locale` unless already there (errors are shown by the client). */
export function loadDictionaries(locale: Locale = currentLocale()): Promise<void> {
  if (cache[locale]) return Promise.resolve()
  let p = pending.get(locale)
  if (!p) {
    p = getDictionaries()
      .then((d) => {
        cache[locale] = d
      })
      .catch(() => {
        // shown by the request client; the labels fall back to the codes
      })
      .finally(() => pending.delete(locale))
    pending.set(locale, p)
  }
  return p
}

export function useDictionaries() {
  const { locale } = useI18n()
  const dicts = computed<Dictionaries | null>(() => cache[locale.value as Locale] ?? null)
  watch(locale, (l) => void loadDictionaries(l as Locale), { immediate: true })

  function options(name: DictionaryName): Choice[] {
    return dicts.value?.[name] ?? []
  }

  /** The label of `code` in the current language; the code itself when unknown. */
  function label(name: DictionaryName, code: string | null | undefined): string {
    if (!code) return ''
    return options(name).find((c) => c.code === code)?.name ?? code
  }

  return { dicts, options, label }
}
