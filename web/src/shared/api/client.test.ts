import { beforeEach, describe, expect, it, vi } from 'vitest'
import {
  ApiError,
  acceptLanguage,
  buildQuery,
  configureClient,
  dispositionFilename,
  getCsrfToken,
  http,
  request,
  setCsrfToken,
} from './client'
import { login, me } from './auth'

// A Map-backed sessionStorage: vitest runs in node, which has none.
class MemoryStorage {
  private data = new Map<string, string>()
  getItem(k: string) {
    return this.data.has(k) ? this.data.get(k)! : null
  }
  setItem(k: string, v: string) {
    this.data.set(k, String(v))
  }
  removeItem(k: string) {
    this.data.delete(k)
  }
  clear() {
    this.data.clear()
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

type FetchArgs = [string, RequestInit]

/** The ApiError a request rejects with; fails the test if it resolves or throws something else. */
async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => new Error('expected the request to fail'),
    (err: unknown) => err,
  )
  expect(e).toBeInstanceOf(ApiError)
  return e as ApiError
}

let fetchMock: ReturnType<typeof vi.fn>
let present: ReturnType<typeof vi.fn>
let onUnauthorized: ReturnType<typeof vi.fn>
let locale: string

function lastCall(): { url: string; init: RequestInit; headers: Record<string, string> } {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  return { url, init, headers: init.headers as Record<string, string> }
}

beforeEach(() => {
  vi.stubGlobal('sessionStorage', new MemoryStorage())
  setCsrfToken(null)
  locale = 'zh-CN'
  fetchMock = vi.fn()
  present = vi.fn()
  onUnauthorized = vi.fn()
  configureClient({
    fetch: fetchMock as unknown as typeof fetch,
    locale: () => locale,
    present: present as unknown as (e: ApiError) => void,
    onUnauthorized: onUnauthorized as unknown as (e: ApiError) => void,
    fallbackMessage: (status) => (status === 0 ? 'offline' : `failed with ${status}`),
  })
})

describe('error envelope', () => {
  it('turns {error:{reason,message,detail,hint}} into an ApiError with the status', async () => {
    fetchMock.mockResolvedValue(
      json(
        429,
        {
          error: {
            reason: 'auth.too_many_attempts',
            message: '登录失败次数过多',
            detail: '15 分钟内失败 5 次',
            hint: '请 15 分钟后再试',
          },
        },
        { 'X-Request-Id': 'req-42' },
      ),
    )
    const err = await failure(request('POST', '/auth/login', { body: {} }))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(429)
    expect(err.reason).toBe('auth.too_many_attempts')
    expect(err.message).toBe('登录失败次数过多')
    expect(err.detail).toBe('15 分钟内失败 5 次')
    expect(err.hint).toBe('请 15 分钟后再试')
    expect(err.requestId).toBe('req-42')
  })

  it('shows the error exactly once and marks it shown', async () => {
    fetchMock.mockResolvedValue(json(409, { error: { reason: 'user.username_taken', message: 'taken' } }))
    const err = await failure(http.post('/users', { username: 'x' }))
    expect(present).toHaveBeenCalledTimes(1)
    expect(present.mock.calls[0][0]).toBe(err)
    expect(err.shown).toBe(true)
    expect(err.hint).toBe('')
  })

  it('does not show a silent request\'s error', async () => {
    fetchMock.mockResolvedValue(json(400, { error: { reason: 'x.y', message: 'bad' } }))
    const err = await failure(http.get('/users', undefined, { silent: true }))
    expect(err.reason).toBe('x.y')
    expect(err.shown).toBe(false)
    expect(present).not.toHaveBeenCalled()
  })

  it('falls back to a generic message when the body is not an envelope', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const err = await failure(http.get('/users'))
    expect(err.status).toBe(502)
    expect(err.reason).toBe('http.502')
    expect(err.message).toBe('failed with 502')
  })

  it('reports an unreachable server as status 0', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await failure(http.get('/health'))
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    expect(err.message).toBe('offline')
    expect(present).toHaveBeenCalledTimes(1)
  })

  it('sends the user to login on 401 and forgets the CSRF token', async () => {
    setCsrfToken('tok')
    fetchMock.mockResolvedValue(json(401, { error: { reason: 'auth.unauthenticated', message: 'log in' } }))
    await http.get('/users').catch(() => {})
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
    expect(getCsrfToken()).toBeNull()
  })

  it('keeps a wrong password at login as an answer, not a redirect', async () => {
    fetchMock.mockResolvedValue(
      json(401, { error: { reason: 'auth.bad_credentials', message: '用户名或密码错误' } }),
    )
    const err = await failure(login('admin', 'wrong'))
    expect(err.status).toBe(401)
    expect(err.message).toBe('用户名或密码错误')
    expect(onUnauthorized).not.toHaveBeenCalled()
    expect(present).not.toHaveBeenCalled() // the login form shows it inline
  })
})

describe('CSRF token', () => {
  it('is sent on writes and not on reads', async () => {
    setCsrfToken('csrf-1')
    fetchMock.mockImplementation(async () => json(200, {}))
    await http.get('/users')
    expect(lastCall().headers['X-CSRF-Token']).toBeUndefined()
    for (const method of ['POST', 'PATCH', 'PUT', 'DELETE']) {
      await request(method, '/users/1', { body: { a: 1 } })
      expect(lastCall().init.method).toBe(method)
      expect(lastCall().headers['X-CSRF-Token']).toBe('csrf-1')
    }
  })

  it('is taken from the login answer and kept in sessionStorage', async () => {
    fetchMock.mockResolvedValueOnce(
      json(200, { token: 't', csrfToken: 'from-login', expiresAt: '', user: { id: 1 } }),
    )
    await login('admin', 'Admin#2026pass')
    expect(getCsrfToken()).toBe('from-login')
    expect(sessionStorage.getItem('hx.csrfToken')).toBe('from-login')

    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await http.post('/auth/logout')
    expect(lastCall().headers['X-CSRF-Token']).toBe('from-login')
  })

  it('is refreshed by GET /auth/me', async () => {
    setCsrfToken('old')
    fetchMock.mockResolvedValueOnce(json(200, { user: { id: 1 }, csrfToken: 'new' }))
    await me()
    expect(getCsrfToken()).toBe('new')
  })

  it('is sent with the cookie on the same origin', async () => {
    fetchMock.mockResolvedValue(json(200, {}))
    await http.post('/users', {})
    expect(lastCall().init.credentials).toBe('same-origin')
  })
})

describe('Accept-Language', () => {
  it('follows the current UI locale on every request', async () => {
    fetchMock.mockImplementation(async () => json(200, {}))
    await http.get('/roles')
    expect(lastCall().headers['Accept-Language']).toBe('zh-CN')
    locale = 'en-US'
    await http.get('/roles')
    expect(lastCall().headers['Accept-Language']).toBe('en')
  })

  it('maps UI locales to what the server understands', () => {
    expect(acceptLanguage('en-US')).toBe('en')
    expect(acceptLanguage('zh-CN')).toBe('zh-CN')
    expect(acceptLanguage('fr-FR')).toBe('zh-CN')
  })
})

describe('requests and answers', () => {
  it('puts the base path and non-empty query values in the URL', async () => {
    fetchMock.mockResolvedValue(json(200, { items: [], total: 0, page: 1, pageSize: 20 }))
    await http.get('/users', { page: 2, pageSize: 20, q: '', role: undefined, disabled: false, regionCode: '3601' })
    expect(lastCall().url).toBe('/api/v1/users?page=2&pageSize=20&disabled=false&regionCode=3601')
  })

  it('encodes query values', () => {
    expect(buildQuery({ q: '洪都 & co' })).toBe('?q=%E6%B4%AA%E9%83%BD+%26+co')
    expect(buildQuery({})).toBe('')
  })

  it('sends JSON bodies and parses JSON answers', async () => {
    fetchMock.mockResolvedValue(json(201, { id: 7, username: 'li' }))
    const user = await http.post<{ id: number }>('/users', { username: 'li' })
    expect(user.id).toBe(7)
    expect(lastCall().init.body).toBe('{"username":"li"}')
    expect(lastCall().headers['Content-Type']).toBe('application/json')
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(http.post('/users/1/reset-password', { newPassword: 'x' })).resolves.toBeUndefined()
  })
})

describe('uploads and rich error answers', () => {
  it('sends FormData as multipart (no JSON Content-Type) with the CSRF token', async () => {
    setCsrfToken('tok')
    fetchMock.mockResolvedValue(json(202, { jobId: 4, state: 'queued' }))
    const form = new FormData()
    form.append('file', new Blob(['楼栋,单元\n'], { type: 'text/csv' }), 'roster.csv')
    const answer = await http.post<{ jobId: number }>('/estates/1/dwellings/import', form, { query: { async: true } })
    expect(answer.jobId).toBe(4)
    const { url, init, headers } = lastCall()
    expect(url).toBe('/api/v1/estates/1/dwellings/import?async=true')
    expect(init.body).toBe(form)
    expect(headers['Content-Type']).toBeUndefined()
    expect(headers['X-CSRF-Token']).toBe('tok')
  })

  it('keeps the whole answer of a failure in ApiError.body (an import 422 lists its rows)', async () => {
    const body = {
      error: { reason: 'import.invalid_rows', message: '名册有错误', detail: '1 处错误', hint: '修改后重传' },
      created: 0,
      errors: [{ row: 2, column: '证件号码', value: '3601**********1234', message: '校验位不符' }],
    }
    fetchMock.mockResolvedValue(json(422, body))
    const e = await failure(http.post('/estates/1/dwellings/import', new FormData(), { silent: true }))
    expect(e.status).toBe(422)
    expect(e.reason).toBe('import.invalid_rows')
    expect(e.body).toEqual(body)
    expect(present).not.toHaveBeenCalled()
  })

  it('reads the file name of a download, UTF-8 form first', () => {
    const h = `attachment; filename="download.xlsx"; filename*=UTF-8''%E5%B0%8F%E5%8C%BA%E6%B8%85%E5%8D%95.xlsx`
    expect(dispositionFilename(h, 'x.xlsx')).toBe('小区清单.xlsx')
    expect(dispositionFilename('attachment; filename="a.xlsx"', 'x.xlsx')).toBe('a.xlsx')
    expect(dispositionFilename(null, 'x.xlsx')).toBe('x.xlsx')
  })
})
