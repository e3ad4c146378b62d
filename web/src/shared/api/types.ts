// Shapes of the foundation API (docs/api-contract-foundation.md). JSON keys are camelCase.

/** A paginated list: `?page=1&pageSize=20` (pageSize at most 500). */
export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface PageQuery {
  page?: number
  pageSize?: number
}

export type RoleCode =
  | 'admin'
  | 'bureau'
  | 'street'
  | 'community'
  | 'supervisor'
  | 'contractor'
  | 'utility'
  | 'property'
  | 'resident'

export interface Assignment {
  kind: 'estate' | 'project'
  id: number | string
}

export interface User {
  id: number
  username: string
  displayName: string
  role: RoleCode
  /** Region code prefix the user may touch; empty for the whole deployment. */
  scopeCode: string
  scopeName: string
  phone: string | null
  disabled: boolean
  assignments: Assignment[]
  permissions: string[]
  createdAt: string
  updatedAt: string
}

export interface Role {
  code: RoleCode
  /** In the request's language. */
  name: string
  permissions: string[]
}

export type RegionLevel = 'province' | 'city' | 'county' | 'street' | 'community' | 'grid'

export interface Region {
  code: string
  name: string
  level: RegionLevel
  parentCode: string | null
  hasChildren: boolean
}

export interface RegionPathItem {
  code: string
  name: string
  level: RegionLevel
}

export interface RegionDetail extends Region {
  /** Ancestors and the region itself, root first. */
  path: RegionPathItem[]
}

export interface FieldChange {
  from: unknown
  to: unknown
}

export interface AuditEntry {
  id: number
  /** UTC ISO 8601. */
  at: string
  userId: number | null
  username: string
  role: string
  action: string
  entity: string
  entityId: string
  regionCode: string
  changes: Record<string, FieldChange> | null
  requestId: string
  hash: string
}

export type JobState = 'queued' | 'running' | 'succeeded' | 'failed'

/** A background task (GET /jobs/{id}); its result survives a restart. */
export interface Job<R = unknown> {
  id: number
  kind: string
  state: JobState
  /** Task-defined; imports: 0 reading, 1 validating, 2 writing. */
  phase: number
  done: number
  total: number
  /** The final answer's JSON once finished (an import's 200 or 422 body), else null. */
  result: R | null
  createdAt: string
  updatedAt: string
}
