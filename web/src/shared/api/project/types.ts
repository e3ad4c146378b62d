// Shapes of the projects-and-money API (docs/project.md, issue #12). Money and area are plain
// JSON numbers with two decimals (yuan, m²); rates are percentages with two decimals or null;
// dates are 'YYYY-MM-DD' (Beijing), times UTC ISO 8601.

export const STATUSES = [
  'reserve',
  'planned',
  'approved',
  'designed',
  'tendered',
  'permitted',
  'started',
  'completed',
  'accepted',
  'handed_over',
] as const
export type ProjectStatus = (typeof STATUSES)[number]

export type ProjectKind = 'estate' | 'area'

export const DOCUMENT_KINDS = [
  'willingness_consent',
  'joint_review_opinion',
  'feasibility_report',
  'construction_design',
  'tender_result',
  'construction_permit',
  'start_order',
  'completion_report',
  'acceptance_record',
  'handover_record',
  'other',
] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const UNIT_ROLES = ['design', 'construction', 'supervision', 'material'] as const
export type UnitRole = (typeof UNIT_ROLES)[number]

export const FUND_SOURCES = [
  'central_subsidy',
  'provincial',
  'local_fiscal',
  'special_bond',
  'utility',
  'resident',
  'maintenance_fund',
  'public_income',
  'social_capital',
  'donation',
  'provident_fund',
] as const
export type FundSource = (typeof FUND_SOURCES)[number]

export const FUND_KINDS = ['committed', 'received', 'paid'] as const
export type FundKind = (typeof FUND_KINDS)[number]

export const NOTICE_KINDS = ['plan', 'design', 'budget', 'result', 'completion'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

/** scheduled (before its start date), open, closed (after the window). */
export type WindowStatus = 'scheduled' | 'open' | 'closed'

export const RESOURCE_USES = ['pocket_park', 'parking', 'elderly_station', 'childcare_station', 'other'] as const
export type ResourceUse = (typeof RESOURCE_USES)[number]

export const RESOURCE_FINDERS = ['checkup', 'staff'] as const
export type ResourceFinder = (typeof RESOURCE_FINDERS)[number]

// ---- plans -----------------------------------------------------------------------------------

export interface Plan {
  id: number
  regionCode: string
  regionName: string
  year: number
  targetEstates: number
  targetHouseholds: number
  plannedEstates: number
  plannedHouseholds: number
  extensionEstates: number
  extensionHouseholds: number
  yearHouseholds: number
  /** Extension households ÷ the year's households, %, two decimals (null: no households). */
  extensionShare: number | null
  /** The cap, % (15.00 by default). */
  extensionCap: number
  createdAt: string
  updatedAt: string
}

export interface PlanInput {
  regionCode: string
  year: number
  targetEstates: number
  targetHouseholds: number
}

// ---- reserve pool ----------------------------------------------------------------------------

/** One reason an estate ranks where it does: text, or a code with its text. */
export type PoolReason = string | { code?: string; text?: string; name?: string; points?: number }

export interface PoolEstate {
  /** The estate's id (`estateId` or `id`, whichever the server sends). */
  estateId?: number
  id?: number
  name?: string
  estateName?: string
  regionCode: string
  regionName?: string
  builtYear: number | null
  dwellings: number
  buildings?: number
  score: number
  rank?: number
  worstSeverity: string | null
  worstSeverityName?: string
  problems: number
  /** %, two decimals, null when never consulted. */
  willingnessRate: number | null
  aged60Plus?: number
  extension?: boolean
  verdict?: string
  /** The reserve project the estate is already in, if any. */
  reserveProjectId?: number | null
  reasons: PoolReason[]
}

export interface ReservePool {
  items: PoolEstate[]
  /** The priority weights (safety hazards, build year, willingness, residents aged 60+ …). */
  weights: Record<string, number>
}

// ---- projects --------------------------------------------------------------------------------

export interface ProjectSummary {
  id: number
  name: string
  year: number
  kind: ProjectKind
  regionCode: string
  regionName: string
  status: ProjectStatus
  estateCount: number
  households: number
  committed: number
  createdAt: string
  updatedAt: string
}

export interface ProjectEstate {
  id: number
  name: string
  regionCode: string
  builtYear: number | null
  buildings: number
  dwellings: number
  floorArea: number | null
  verdict: string
}

export interface MissingItem {
  code: string
  name: string
}

export interface StoredFileRef {
  id: number
  name: string
  contentType: string
  size: number
}

export interface ProjectDocument {
  id: number
  kind: DocumentKind
  kindName: string
  title: string
  reference: string
  file: StoredFileRef | null
  createdBy: number | string
  createdAt: string
}

export interface Unit {
  role: UnitRole
  roleName: string
  company: string
  creditCode: string
  contact: string
  phone: string
  updatedAt: string
}

export interface UnitInput {
  company: string
  creditCode?: string
  contact: string
  phone?: string
}

export interface Transition {
  from: ProjectStatus
  to: ProjectStatus
  actor: string | number
  at: string
}

export interface Breach {
  code: string
  /** 0 for the project's totals. */
  lineId: number
  amount: number
  limit: number
  text: string
}

export interface Project extends ProjectSummary {
  estates: ProjectEstate[]
  buildings: number
  floorArea: number
  next: { to: ProjectStatus; missing: MissingItem[] } | null
  documents: ProjectDocument[]
  units: Unit[]
  transitions: Transition[]
  budget: { estimate: number; budget: number | null; contract: number | null; settlement: number | null; breaches: number | Breach[] }
  funds: { committed: number; received: number; paid: number; executionRate: number | null }
}

export interface ProjectInput {
  name: string
  year: number
  kind: ProjectKind
  regionCode: string
  estateIds: number[]
}

export interface ProjectQuery {
  regionCode?: string
  year?: number | null
  status?: string
  page?: number
  pageSize?: number
}

export interface DocumentInput {
  kind: DocumentKind
  title: string
  reference?: string
}

// ---- budget ----------------------------------------------------------------------------------

export interface BudgetLine {
  id: number
  itemCode: string
  itemName: string
  description: string
  unit: string
  quantity: number
  unitPrice: number
  estimate: number
  budget: number | null
  contract: number | null
  settlement: number | null
  changes: number
  settlementLimit: number | null
}

export interface BudgetLineInput {
  itemCode?: string
  description?: string
  quantity?: number
  unitPrice?: number
  budget?: number | null
  contract?: number | null
  settlement?: number | null
}

export interface ChangeOrder {
  id: number
  budgetItemId: number
  amount: number
  reason: string
  approvedBy: string
  approvedOn: string
  createdAt?: string
}

export interface ChangeOrderInput {
  budgetItemId: number
  amount: number
  reason: string
  approvedBy: string
  approvedOn: string
}

export interface BudgetTotals {
  estimate: number
  budget: number | null
  contract: number | null
  settlement: number | null
  changes: number
}

export interface Budget {
  lines: BudgetLine[]
  totals: BudgetTotals
  breaches: Breach[]
  changeOrders: ChangeOrder[]
}

// ---- funds and bills -------------------------------------------------------------------------

export interface SourceFigures {
  source: FundSource
  sourceName: string
  committed: number
  received: number
  paid: number
}

export interface FundEntry {
  id: number
  source: FundSource
  sourceName: string
  kind: FundKind
  amount: number
  on: string
  note: string
  createdBy: number | string
  createdAt: string
}

export interface Funds {
  committed: number
  received: number
  paid: number
  executionRate: number | null
  bySource: SourceFigures[]
  entries: FundEntry[]
}

export interface FundEntryInput {
  source: FundSource
  kind: FundKind
  amount: number
  on: string
  note?: string
}

export interface Bill {
  id: number
  dwellingId: number
  /** How the dwelling reads (building, stairwell, room), when the server sends it. */
  dwellingLabel?: string
  dwelling?: string
  room?: string
  building?: string
  stairwell?: string
  buildingName?: string
  estateId?: number
  estateName?: string
  purpose: string
  amount: number
  paidOn: string | null
  createdAt?: string
}

export interface BillPage {
  items: Bill[]
  total: number
  page: number
  pageSize: number
  summary: Record<string, number | null>
}

export interface BillIssue {
  issued: number
  skipped: number
  total: number
}

// ---- resources -------------------------------------------------------------------------------

export interface Resource {
  id: number
  estateId: number
  estateName?: string
  regionCode: string
  regionName?: string
  description: string
  area: number
  owner: string
  proposedUse: ResourceUse
  proposedUseName?: string
  foundBy: ResourceFinder
  projectId: number | null
  projectName?: string | null
  createdAt?: string
}

export interface ResourceInput {
  description: string
  area: number
  owner: string
  proposedUse: ResourceUse
  foundBy: ResourceFinder
}

// ---- publicity -------------------------------------------------------------------------------

export interface Objection {
  id: number
  version?: number
  content: string
  /** Staff only. */
  name?: string
  phone?: string
  receivedAt: string
  answer: string | null
  answeredAt: string | null
  answeredBy?: string | number | null
}

export interface NoticeVersion {
  version: number
  title: string
  body: string
  startsOn: string
  workingDays: number
  endsOn: string
  reason: string
  photo?: StoredFileRef | null
  photoFileId?: number | null
  createdAt: string
}

export interface Notice {
  id: number
  projectId: number
  projectName?: string
  regionCode?: string
  kind: NoticeKind
  kindName?: string
  version?: number
  title: string
  body: string
  startsOn: string
  workingDays?: number
  endsOn: string
  status: WindowStatus
  photo?: StoredFileRef | null
  versions?: NoticeVersion[]
  objections?: Objection[]
  objectionCount?: number
  unansweredCount?: number
  createdAt?: string
}

export interface NoticeInput {
  projectId: number
  kind: NoticeKind
  title: string
  body: string
  startsOn: string
  workingDays?: number
}

export interface RevisionInput {
  title: string
  body: string
  startsOn: string
  workingDays?: number
  reason: string
}

/** The public page's answer: no names or phones. */
export interface PublicNotice {
  id: number
  kind: NoticeKind
  kindName?: string
  projectName?: string
  regionName?: string
  version?: number
  title: string
  body: string
  startsOn: string
  endsOn: string
  status: WindowStatus
  objections: Objection[]
}

export interface ObjectionInput {
  content: string
  name?: string
  phone?: string
}

// ---- statistics ------------------------------------------------------------------------------

export interface Programme {
  regionCode: string
  regionName: string
  year: number
  projects: number
  estates: number
  buildings: number
  households: number
  floorArea: number
  /** Estates without a recorded floor area (not in floorArea). */
  floorAreaMissing?: number
  investment: number
  bySource: SourceFigures[]
  received: number
  paid: number
  plan: { targetEstates: number; targetHouseholds: number } | null
  started: number
  completed: number
  startRate: number | null
  completionRate: number | null
  executionRate: number | null
}

/** The project section of GET /api/v1/workbench (the admin home's card). */
export interface ProjectWorkbench {
  year: number
  projects: number
  reserve: number
  preparing: number
  building: number
  finished: number
  unansweredObjections: number
  unpaidBills: number
  plan: Plan | null
}
