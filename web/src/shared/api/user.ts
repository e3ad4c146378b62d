import { http } from './client'
import type { Assignment, Page, PageQuery, RoleCode, User } from './types'

export interface UserQuery extends PageQuery {
  q?: string
  role?: RoleCode | ''
  /** Prefix filter on the user's scope. */
  regionCode?: string
  disabled?: boolean
}

export interface UserCreate {
  username: string
  displayName: string
  role: RoleCode
  scopeCode: string
  phone?: string
  password: string
  assignments?: Assignment[]
}

export type UserUpdate = Partial<
  Pick<User, 'displayName' | 'role' | 'scopeCode' | 'phone' | 'disabled' | 'assignments'>
>

export function listUsers(query: UserQuery = {}): Promise<Page<User>> {
  return http.get<Page<User>>('/users', { ...query })
}

export function getUser(id: number): Promise<User> {
  return http.get<User>(`/users/${id}`)
}

export function createUser(body: UserCreate): Promise<User> {
  return http.post<User>('/users', body)
}

export function updateUser(id: number, patch: UserUpdate): Promise<User> {
  return http.patch<User>(`/users/${id}`, patch)
}

export function resetPassword(id: number, newPassword: string): Promise<void> {
  return http.post<void>(`/users/${id}/reset-password`, { newPassword })
}
