// Shapes of the supervision API (docs/supervision.md, issue #14): the checklist, supervisors and
// responsible units, inspections with findings, rectification orders with deadlines and
// escalation levels, contractors' scores, the quality register and democratic supervision days.
// Dates are 'YYYY-MM-DD' (Beijing), times UTC ISO 8601.
import type { PageQuery } from '../types'

export interface ChecklistItem {
  code: string
  name: string
  position: number
}

export const SUPERVISOR_ROLES = ['construction_supervisor', 'opinion_observer', 'policy_explainer', 'volunteer'] as const
export type SupervisorRole = (typeof SUPERVISOR_ROLES)[number]

export interface Supervisor {
  id: number
  regionCode: string
  name: string
  role: SupervisorRole
  phone: string
  background: string
  userId: number | null
  estateIds: number[]
  projectIds: number[]
  createdAt: string
}

export type SupervisorInput = Pick<Supervisor, 'regionCode' | 'name' | 'role'> & Partial<Pick<Supervisor, 'phone' | 'background' | 'estateIds' | 'projectIds'>>

export type UnitKind = 'contractor' | 'supervision_firm' | 'utility' | 'design'

export interface ResponsibleUnit {
  id: number
  regionCode: string
  company: string
  kind: UnitKind
  creditCode: string
  contact: string
  phone: string
  userIds: number[]
  createdAt: string
}

export interface Finding {
  id: number
  itemCode: string
  text: string
  photoFileIds: number[]
}

export interface FindingInput {
  itemCode: string
  text: string
  photoFileIds?: number[]
}

export interface Inspection {
  id: number
  projectId: number
  stepCode: string | null
  clientId: string | null
  inspectedAt: string
  lat: number | null
  lng: number | null
  place: string
  note: string
  inspectedBy: string
  findings: Finding[]
  createdAt: string
}

/** POST /projects/{id}/inspections: `clientId` makes a resend answer the first inspection. */
export interface InspectionInput {
  clientId?: string
  stepCode?: string
  inspectedAt?: string
  place?: string
  note?: string
  findings: FindingInput[]
}

export const RECTIFICATION_STATUSES = ['open', 'replied', 'closed'] as const
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number]
/** The board's filter: a status, or `overdue` (not closed and past its deadline). */
export type RectificationFilter = RectificationStatus | 'overdue'

export interface RectificationEvent {
  kind: 'issued' | 'replied' | 'rework' | 'recheck_passed' | 'escalated'
  level: number
  note: string
  photoFileIds: number[]
  stepCode: string | null
  by: string
  at: string
}

export interface Rectification {
  id: number
  projectId: number
  unitId: number
  unitCompany: string
  unitKind: string
  findingId: number | null
  stepCode: string | null
  itemCode: string | null
  finding: string
  photoFileIds: number[]
  issuedOn: string
  dueInWorkingDays: number
  dueOn: string
  status: RectificationStatus
  overdue: boolean
  /** 0 none, 1 escalated to the street office, 2 to the housing bureau. */
  level: number
  rework: boolean
  reworks: number
  reply: { note: string; photoFileIds: number[]; at: string } | null
  closedOn: string | null
  issuedBy: string
  createdAt: string
  /** The quality-register query of the order's project (and item). */
  qualityRegister: string
  events?: RectificationEvent[]
}

export interface RectificationQuery extends PageQuery {
  status?: RectificationFilter | ''
  level?: number | null
  projectId?: number | null
  regionCode?: string
}

export interface RectificationInput {
  projectId: number
  finding: string
  unitId: number
  dueInWorkingDays: number
  photoFileIds?: number[]
  findingId?: number
  stepCode?: string
  itemCode?: string
}

export interface UnitScore {
  unitId: number
  company: string
  kind: string
  orders: number
  overdue: number
  reworks: number
  closed: number
  closedOnTime: number
  onTimeRate: number | null
  score: number
}

export interface QualityRegisterRow {
  projectId: number
  projectName: string
  stepCode: string | null
  stepName: string | null
  itemCode: string
  itemName: string
  estateId: number | null
  role: 'design' | 'construction' | 'supervision'
  company: string
  creditCode: string
  person: string
  phone: string
}

export interface SupervisionAction {
  id: number
  text: string
  owner: string
  dueOn: string
  status: 'open' | 'done'
}

export interface SupervisionDay {
  id: number
  projectId: number
  heldOn: string
  attendees: string[]
  minutes: string
  actions: SupervisionAction[]
  createdBy: string
  createdAt: string
}

export interface SupervisionDayInput {
  heldOn: string
  attendees: string[]
  minutes?: string
  actions?: Array<Pick<SupervisionAction, 'text' | 'owner' | 'dueOn'>>
}

/** The `supervision` section of GET /workbench. */
export interface SupervisionWorkbench {
  open: number
  replied: number
  overdue: number
  overdueByLevel: { street: number; bureau: number }
}
