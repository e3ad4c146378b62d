// Filters and value formatting of the audit log page.
import type { AuditQuery } from '@/shared/api/audit'
import type { FieldChange } from '@/shared/api/types'
import { shanghaiDayEndUtc, shanghaiDayStartUtc } from '@/shared/utils/date'

export interface AuditFilters {
  entity: string
  action: string
  regionCode: string
  /** Shanghai calendar days 'YYYY-MM-DD', inclusive; null = no bound. */
  days: [string, string] | null
}

export function emptyFilters(): AuditFilters {
  return { entity: '', action: '', regionCode: '', days: null }
}

export function toQuery(f: AuditFilters, page: number, pageSize: number): AuditQuery {
  return {
    page,
    pageSize,
    entity: f.entity.trim() || undefined,
    action: f.action.trim() || undefined,
    regionCode: f.regionCode || undefined,
    from: f.days ? shanghaiDayStartUtc(f.days[0]) : undefined,
    to: f.days ? shanghaiDayEndUtc(f.days[1]) : undefined,
  }
}

/** The hash chain value, shortened for the table (full value in the tooltip). */
export function shortHash(hash: string | null | undefined): string {
  if (!hash) return ''
  return hash.length > 12 ? `${hash.slice(0, 12)}…` : hash
}

export interface ChangeRow {
  field: string
  from: string
  to: string
}

function show(v: unknown): string {
  if (v === null || v === undefined) return ''
  if (typeof v === 'string') return v
  return JSON.stringify(v)
}

export function changeRows(changes: Record<string, FieldChange> | null | undefined): ChangeRow[] {
  if (!changes) return []
  return Object.entries(changes).map(([field, c]) => ({
    field,
    from: show(c?.from),
    to: show(c?.to),
  }))
}
