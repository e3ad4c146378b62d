import { http, setCsrfToken, type RequestOptions } from './client'
import type { Role, User } from './types'

export interface LoginResult {
  token: string
  csrfToken: string
  expiresAt: string
  user: User
}

/**
 * POST /auth/login. The server sets the HttpOnly session cookie; we keep only the CSRF token.
 * Silent: the login form shows wrong-password (401) and throttling (429) errors inline.
 */
export async function login(username: string, password: string): Promise<LoginResult> {
  const result = await http.post<LoginResult>(
    '/auth/login',
    { username, password },
    { silent: true, noAuthRedirect: true },
  )
  setCsrfToken(result.csrfToken)
  return result
}

export async function logout(): Promise<void> {
  try {
    await http.post<void>('/auth/logout', undefined, { noAuthRedirect: true, silent: true })
  } finally {
    setCsrfToken(null)
  }
}

/** GET /auth/me; refreshes the CSRF token. A 401 means "not logged in" and is not shown. */
export async function me(opts: RequestOptions = { silent: true, noAuthRedirect: true }): Promise<User> {
  const result = await http.get<{ user: User; csrfToken: string }>('/auth/me', undefined, opts)
  setCsrfToken(result.csrfToken)
  return result.user
}

export function changePassword(oldPassword: string, newPassword: string): Promise<void> {
  return http.post<void>('/auth/password', { oldPassword, newPassword })
}

export async function listRoles(): Promise<Role[]> {
  const result = await http.get<{ items: Role[] }>('/roles')
  return result.items
}
