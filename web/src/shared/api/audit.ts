import { http } from './client'
import type { AuditEntry, Page, PageQuery } from './types'

export interface AuditQuery extends PageQuery {
  entity?: string
  action?: string
  userId?: number
  regionCode?: string
  /** UTC ISO 8601, inclusive bounds. */
  from?: string
  to?: string
}

export function listAuditEntries(query: AuditQuery = {}): Promise<Page<AuditEntry>> {
  return http.get<Page<AuditEntry>>('/audit', { ...query })
}
