// State and rules of the users page, kept out of the .vue files.
import type { FormItemRule } from 'element-plus'
import type { RoleCode } from '@/shared/api/types'
import type { UserQuery } from '@/shared/api/user'
import { t } from '@/shared/i18n'
import { checkPassword, type PasswordProblem } from '@/shared/utils/password'

export type StatusFilter = '' | 'enabled' | 'disabled'

export interface UserFilters {
  q: string
  role: RoleCode | ''
  regionCode: string
  status: StatusFilter
}

export function emptyFilters(): UserFilters {
  return { q: '', role: '', regionCode: '', status: '' }
}

export const STATUS_OPTIONS: Array<{ value: Exclude<StatusFilter, ''>; labelKey: string }> = [
  { value: 'enabled', labelKey: 'common.status.enabled' },
  { value: 'disabled', labelKey: 'common.status.disabled' },
]

export function toQuery(f: UserFilters, page: number, pageSize: number): UserQuery {
  return {
    page,
    pageSize,
    q: f.q.trim() || undefined,
    role: f.role || undefined,
    regionCode: f.regionCode || undefined,
    disabled: f.status === '' ? undefined : f.status === 'disabled',
  }
}

const PROBLEM_KEYS: Record<PasswordProblem, string> = {
  tooShort: 'auth.user.passwordTooShort',
  classes: 'auth.user.passwordClasses',
  sameAsUsername: 'auth.user.passwordSameAsUsername',
}

export function requiredRule(fieldKey: string): FormItemRule {
  return { required: true, message: t('common.validation.required', { field: t(fieldKey) }) }
}

/** Element Plus rule for a new password; `username` is read when validating. */
export function passwordRule(username: () => string): FormItemRule {
  return {
    validator: (_rule, value: string, callback) => {
      const problem = checkPassword(value ?? '', username())
      callback(problem ? new Error(t(PROBLEM_KEYS[problem])) : undefined)
    },
  }
}
