import { describe, expect, it, vi } from 'vitest'
import { usePagedList } from './use-paged-list'

const empty = () => ({ q: '', status: '' })

describe('usePagedList', () => {
  it('loads the current page with the filters', async () => {
    const fetch = vi.fn(async () => ({ items: ['a', 'b'], total: 12 }))
    const list = usePagedList({ emptyFilters: empty, fetch })
    list.filters.q = 'x'
    list.page.value = 2
    await list.load()
    expect(fetch).toHaveBeenCalledWith({ q: 'x', status: '' }, 2, 20)
    expect(list.rows.value).toEqual(['a', 'b'])
    expect(list.total.value).toBe(12)
    expect(list.loading.value).toBe(false)
  })

  it('search goes back to page 1; reset clears the filters', async () => {
    const fetch = vi.fn(async () => ({ items: [], total: 0 }))
    const list = usePagedList({ emptyFilters: empty, fetch, pageSize: 50 })
    list.page.value = 3
    list.filters.status = 'on'
    await list.search()
    expect(fetch).toHaveBeenLastCalledWith({ q: '', status: 'on' }, 1, 50)
    list.page.value = 2
    await list.resetFilters()
    expect(list.filters).toEqual({ q: '', status: '' })
    expect(fetch).toHaveBeenLastCalledWith({ q: '', status: '' }, 1, 50)
  })

  it('keeps the rows it had when a load fails, and shows loading meanwhile', async () => {
    let fail!: (e: Error) => void
    const fetch = vi
      .fn()
      .mockResolvedValueOnce({ items: [1], total: 1 })
      .mockImplementationOnce(() => new Promise((_r, reject) => (fail = reject)))
    const list = usePagedList<ReturnType<typeof empty>, number>({ emptyFilters: empty, fetch })
    await list.load()
    const second = list.load()
    expect(list.loading.value).toBe(true)
    fail(new Error('500'))
    await second
    expect(list.rows.value).toEqual([1])
    expect(list.total.value).toBe(1)
    expect(list.loading.value).toBe(false)
  })
})
