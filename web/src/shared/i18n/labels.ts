// Labels for codes the server sends (role, region level), through i18n so they follow the UI
// language; an unknown code falls back to what the server said, then to the code itself.
import { i18n } from './index'

function label(key: string, fallback: string): string {
  return i18n.global.te(key) ? i18n.global.t(key) : fallback
}

export function roleLabel(code: string | null | undefined, serverName?: string): string {
  if (!code) return ''
  return label(`auth.role.${code}`, serverName || code)
}

export function levelLabel(level: string | null | undefined): string {
  if (!level) return ''
  return label(`region.level.${level}`, level)
}

/** The user's scope for display: its name, or "all regions" for an empty scope. */
export function scopeLabel(scopeCode: string | null | undefined, scopeName?: string | null): string {
  if (!scopeCode) return i18n.global.t('auth.scope.all')
  return scopeName || scopeCode
}
