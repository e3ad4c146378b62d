// The one request client of both apps. It knows the server's conventions so pages don't:
// same-origin cookie session, X-CSRF-Token on writes, Accept-Language from the UI locale, and
// the error envelope {error:{reason,message,detail,hint}} turned into an ApiError that is shown
// to the user exactly once (by the presenter the app installs: ElMessage or a Vant toast).
// Bodies are JSON, or FormData for uploads; `download` saves a file answer (xlsx) through the
// same rules.

export const API_BASE = '/api/v1'

/** A failed request. `reason` is the server's `<context>.<snake_case>` code. */
export class ApiError extends Error {
  readonly status: number
  readonly reason: string
  readonly detail: string
  readonly hint: string
  readonly requestId: string
  /**
   * The whole parsed answer, for answers that carry more than the envelope (an import's 422
   * lists its row errors next to `error`); null when the body was not JSON.
   */
  readonly body: unknown
  /** True once the client has shown it; pages must not show it again. */
  shown = false

  constructor(init: {
    status: number
    reason: string
    message: string
    detail?: string
    hint?: string
    requestId?: string
    body?: unknown
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.reason = init.reason
    this.detail = init.detail ?? ''
    this.hint = init.hint ?? ''
    this.requestId = init.requestId ?? ''
    this.body = init.body ?? null
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export type QueryValue = string | number | boolean | null | undefined
export type Query = Record<string, QueryValue>

export interface RequestOptions {
  query?: Query
  body?: unknown
  /** Don't show the error: the caller shows it itself (e.g. the login form's inline alert). */
  silent?: boolean
  /**
   * A 401 here is an answer, not an expired session (wrong password at login, probing the
   * session at start-up): don't send the user to the login page.
   */
  noAuthRedirect?: boolean
  signal?: AbortSignal
}

export interface ClientConfig {
  /** Current UI locale, e.g. 'zh-CN' or 'en-US'. */
  locale: () => string
  /** Shows an error to the user. Called at most once per failed request. */
  present: (error: ApiError) => void
  /** Called on 401 (session missing or expired) unless the request opted out. */
  onUnauthorized: (error: ApiError) => void
  /** Message when the server gave no envelope (proxy error page) or could not be reached. */
  fallbackMessage: (status: number) => string
  fetch: typeof fetch
}

const config: ClientConfig = {
  locale: () => 'zh-CN',
  present: () => {},
  onUnauthorized: () => {},
  fallbackMessage: (status) => (status === 0 ? 'network error' : `HTTP ${status}`),
  fetch: (...args) => globalThis.fetch(...args),
}

/** Installs the app's hooks; unspecified ones keep their current value. */
export function configureClient(overrides: Partial<ClientConfig>): void {
  Object.assign(config, overrides)
}

// --- CSRF token: kept in memory, mirrored to sessionStorage so a reload keeps it. -------------

const CSRF_KEY = 'hx.csrfToken'
let csrfToken: string | null = null

function storage(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage
  } catch {
    return null // storage disabled by the browser
  }
}

export function getCsrfToken(): string | null {
  if (csrfToken === null) csrfToken = storage()?.getItem(CSRF_KEY) ?? null
  return csrfToken
}

/** Stores the token from POST /auth/login or GET /auth/me; null forgets it (logout, 401). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
  const s = storage()
  if (!s) return
  if (token === null) s.removeItem(CSRF_KEY)
  else s.setItem(CSRF_KEY, token)
}

// --- Request ----------------------------------------------------------------------------------

/** Accept-Language for a UI locale. The contract switches to English on `en`. */
export function acceptLanguage(locale: string): string {
  return locale.toLowerCase().startsWith('en') ? 'en' : 'zh-CN'
}

/** Query string without empty values ('' , null, undefined), in the given key order. */
export function buildQuery(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    params.append(key, String(value))
  }
  const s = params.toString()
  return s ? `?${s}` : ''
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

interface Envelope {
  error?: { reason?: unknown; message?: unknown; detail?: unknown; hint?: unknown }
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

async function toApiError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('X-Request-Id') ?? ''
  let envelope: Envelope | null = null
  try {
    envelope = (await res.json()) as Envelope
  } catch {
    envelope = null // not JSON: a proxy's error page, an empty body
  }
  const e = envelope?.error
  if (e && typeof e === 'object' && str(e.message)) {
    return new ApiError({
      status: res.status,
      reason: str(e.reason) || `http.${res.status}`,
      message: str(e.message),
      detail: str(e.detail),
      hint: str(e.hint),
      requestId,
      body: envelope,
    })
  }
  return new ApiError({
    status: res.status,
    reason: `http.${res.status}`,
    message: config.fallbackMessage(res.status),
    requestId,
    body: envelope,
  })
}

function fail(error: ApiError, opts: RequestOptions): never {
  if (error.status === 401 && !opts.noAuthRedirect) {
    setCsrfToken(null)
    config.onUnauthorized(error)
  }
  if (!opts.silent) {
    config.present(error)
    error.shown = true
  }
  throw error
}

function isFormData(body: unknown): body is FormData {
  return typeof FormData !== 'undefined' && body instanceof FormData
}

/** Sends one request and returns the successful Response; throws (and shows) ApiError otherwise. */
async function send(method: string, path: string, opts: RequestOptions, accept: string): Promise<Response> {
  const upper = method.toUpperCase()
  const headers: Record<string, string> = {
    Accept: accept,
    'Accept-Language': acceptLanguage(config.locale()),
  }
  // FormData sets its own multipart Content-Type (with the boundary).
  const form = isFormData(opts.body)
  if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json'
  if (!SAFE_METHODS.has(upper)) {
    const token = getCsrfToken()
    if (token) headers['X-CSRF-Token'] = token
  }

  let res: Response
  try {
    res = await config.fetch(API_BASE + path + buildQuery(opts.query), {
      method: upper,
      headers,
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
      credentials: 'same-origin',
      signal: opts.signal,
    })
  } catch (cause) {
    if ((cause as Error)?.name === 'AbortError') throw cause
    fail(new ApiError({ status: 0, reason: 'network.unreachable', message: config.fallbackMessage(0) }), opts)
  }

  if (!res.ok) fail(await toApiError(res), opts)
  return res
}

/**
 * Sends one request to `API_BASE + path` and returns the parsed JSON body (undefined for 204).
 * `opts.body` is sent as JSON, or as multipart/form-data when it is a FormData.
 * Throws ApiError for any non-2xx answer or network failure, after showing it unless `silent`.
 */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, 'application/json')
  if (res.status === 204) return undefined as T
  const text = await res.text()
  return (text ? JSON.parse(text) : undefined) as T
}

/** The file name of a Content-Disposition header: filename*=UTF-8''… first, then filename="…". */
export function dispositionFilename(header: string | null, fallback: string): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim())
    } catch {
      // malformed escapes: try the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;]+)/i.exec(header)
  return plain?.[1]?.trim() || fallback
}

/**
 * GETs a file (an .xlsx export or template) with the session cookie and saves it through a
 * temporary object URL, named as the server says. Errors go through the client like any request.
 */
export async function download(path: string, query?: Query, fallbackName = 'download'): Promise<string> {
  const res = await send('GET', path, { query }, '*/*')
  const blob = await res.blob()
  const name = dispositionFilename(res.headers.get('Content-Disposition'), fallbackName)
  const url = URL.createObjectURL(blob)
  try {
    const a = document.createElement('a')
    a.href = url
    a.download = name
    a.style.display = 'none'
    document.body.appendChild(a)
    a.click()
    a.remove()
  } finally {
    // Give the browser a moment to start the download before the URL goes away.
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  }
  return name
}

export const http = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('POST', path, { ...opts, body }),
  patch: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('PATCH', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>('PUT', path, { ...opts, body }),
  delete: <T>(path: string, opts: RequestOptions = {}) => request<T>('DELETE', path, opts),
}
