// A paginated list behind a filter form: rows, total, page and page size, loading; `search`
// goes back to page 1, `resetFilters` restores the empty filters and searches again. Errors
// are shown by the request client; the list keeps what it had.
import { reactive, ref, type Ref, type UnwrapRef } from 'vue'
import type { Page } from '@/shared/api/types'

export interface PagedListOptions<F extends object, T> {
  /** Fresh empty filters (also what `resetFilters` restores). */
  emptyFilters: () => F
  /** Fetches one page for the filters. */
  fetch: (filters: UnwrapRef<F>, page: number, pageSize: number) => Promise<Pick<Page<T>, 'items' | 'total'>>
  pageSize?: number
}

export function usePagedList<F extends object, T>(options: PagedListOptions<F, T>) {
  const filters = reactive(options.emptyFilters())
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(options.pageSize ?? 20)
  const loading = ref(false)

  async function load() {
    loading.value = true
    try {
      const result = await options.fetch(filters as UnwrapRef<F>, page.value, pageSize.value)
      rows.value = result.items
      total.value = result.total
    } catch {
      // shown by the request client
    } finally {
      loading.value = false
    }
  }

  function search() {
    page.value = 1
    return load()
  }

  function resetFilters() {
    Object.assign(filters, options.emptyFilters())
    return search()
  }

  return { filters, rows, total, page, pageSize, loading, load, search, resetFilters }
}
