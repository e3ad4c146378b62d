// Who is logged in, shared by the router guards, the layout and the pages of one app.
import { reactive } from 'vue'
import * as authApi from '../api/auth'
import { isApiError } from '../api/client'
import type { User } from '../api/types'

interface SessionState {
  user: User | null
  /** True once GET /auth/me has answered (either way) since the page loaded. */
  checked: boolean
}

export const session = reactive<SessionState>({ user: null, checked: false })

/** Asks the server who we are (once per page load unless forced). Returns null if nobody. */
export async function loadSession(force = false): Promise<User | null> {
  if (session.checked && !force) return session.user
  try {
    session.user = await authApi.me()
  } catch (e) {
    if (!isApiError(e) || e.status !== 401) throw e
    session.user = null
  } finally {
    session.checked = true
  }
  return session.user
}

export async function login(username: string, password: string): Promise<User> {
  const result = await authApi.login(username, password)
  session.user = result.user
  session.checked = true
  return result.user
}

export async function logout(): Promise<void> {
  try {
    await authApi.logout()
  } finally {
    clearSession()
  }
}

/** Forgets the user locally (after a 401 or logout). */
export function clearSession(): void {
  session.user = null
  session.checked = true
}

export function hasPermission(code: string): boolean {
  return session.user?.permissions?.includes(code) ?? false
}
