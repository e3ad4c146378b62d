// Shapes of the construction API (docs/construction.md, issue #13): steps and crews, schedules
// with their baseline, alerts, seasons, progress, household works and notices to residents.
// Dates are 'YYYY-MM-DD' (Beijing), percents numbers with two decimals, times UTC ISO 8601.

export const CREW_TYPES = ['earthwork', 'pipe', 'electrical', 'paving', 'facade', 'roofing', 'plumbing', 'greening'] as const
export type CrewType = (typeof CREW_TYPES)[number] | string

export const UTILITIES = ['water', 'drainage', 'gas', 'power', 'telecom', 'heating'] as const

export const DISRUPTION_KINDS = ['water', 'power', 'gas', 'heating', 'road', 'noise'] as const
export type DisruptionKind = (typeof DISRUPTION_KINDS)[number]

export const WINDOWS = ['outside_heating', 'outside_frost', 'no_exam_days'] as const
export type StepWindow = (typeof WINDOWS)[number]

export type LinkType = 'FS' | 'SS'

export interface Predecessor {
  code: string
  type: LinkType
  lagDays: number
}

export interface Trench {
  segment: string
  utility: string
  split?: boolean
}

export interface Disruption {
  kind: DisruptionKind
  buildingIds: number[]
}

/** A step as the editor sends it (POST /projects/{id}/steps). */
export interface StepInput {
  code: string
  name: string
  itemCode?: string | null
  estateId?: number | null
  durationDays: number
  crew: { type: string; count: number }
  trench?: Trench | null
  disruption?: Disruption | null
  window?: StepWindow | null
  predecessors: Predecessor[]
}

/** A stored step; `generated` ones are the openings (open:/backfill:/resurface:<segment>). */
export interface Step extends StepInput {
  itemCode: string | null
  estateId: number | null
  trench: (Trench & { split: boolean }) | null
  disruption: Disruption | null
  window: StepWindow | null
  generated: boolean
}

export type Crews = Record<string, number>

export interface Openings {
  merged: number
  naive: number
}

export interface StepSet {
  steps: Step[]
  crews: Crews
  openings: Openings
}

export interface StepTemplate {
  itemCode: string
  suffix: string
  name: string
  crewType: string
  crewCount: number
  baseDays: number
  milliDaysPerUnit: number
  trenchUtility: string | null
  disruptionKind: DisruptionKind | null
  window: StepWindow | null
  after: string[] | string | null
}

/** What held a step's start; `disruption`: moved to share a cut with another step (fewer disruption-days). */
export type BoundBy = 'start' | 'predecessor' | 'calendar' | 'window' | 'crew' | 'disruption'

export interface ScheduledStep {
  code: string
  name: string
  startOn: string
  endOn: string
  boundBy: BoundBy
  boundRef: string | null
  critical: boolean
  baselineStartOn: string | null
  baselineEndOn: string | null
  delayDays: number | null
}

export interface Schedule {
  scheduleId: number
  startOn: string
  endOn: string
  makespanDays: number
  lowerBoundDays: number
  /** The crews' bound (work-days per crew type on its calendar); the larger bound is the yardstick. */
  resourceBoundDays: number
  disruptionDays: number
  openings: Openings
  yearEndExceeded: boolean
  createdAt: string
  crews: Crews
  steps: ScheduledStep[]
}

export interface ScheduleRun {
  startOn: string
  crews: Crews
  workingDaysOnly?: boolean
  timeLimitMs?: number
}

export interface Baseline {
  baselineId: number
  scheduleId: number
  savedAt: string
  endOn: string
}

export interface Alert {
  id: number
  kind: 'delay' | 'year_end'
  stepCode: string | null
  stepName: string | null
  baselineEndOn: string | null
  forecastEndOn: string | null
  delayDays: number | null
  raisedAt: string
  clearedAt: string | null
  projectId?: number
  projectName?: string
}

export interface Window {
  from: string
  to: string
}

export interface SeasonsInput {
  heating: Window | null
  frost: Window | null
  examDays: string[]
}

export interface Seasons extends SeasonsInput {
  regionCode: string
  definedAt: string | null
}

// ---- progress ---------------------------------------------------------------------------------

export interface ProgressInput {
  stepCode: string
  percent: number
  on: string
  photoFileId?: number | null
  quantityDone?: number | null
  note?: string
  clientId?: string
}

export interface ProgressReport {
  id: number
  stepCode: string
  percent: number
  on: string
  photoFileId: number | null
  quantityDone: number | null
  note: string
  reportedBy: number | string
  createdAt: string
}

export interface ItemProgress {
  itemCode: string
  itemName: string
  percent: number
  weight: number
  reported: boolean
}

export interface EstateProgress {
  estateId: number
  name: string
  percent: number
  reported: boolean
}

export interface StepProgress {
  code: string
  name: string
  itemCode: string | null
  percent: number
  reported: boolean
  lastOn: string | null
  photoFileId: number | null
}

export interface Progress {
  percent: number
  items: ItemProgress[]
  estates: EstateProgress[]
  steps: StepProgress[]
}

// ---- household works ------------------------------------------------------------------------------

export const HOUSEHOLD_WORKS = ['heating', 'water_meter', 'windows', 'gas_meter', 'wiring', 'other'] as const
export type HouseholdWork = (typeof HOUSEHOLD_WORKS)[number]

export const HOUSEHOLD_STATUSES = ['not_started', 'in_progress', 'done', 'declined'] as const
export type HouseholdStatus = (typeof HOUSEHOLD_STATUSES)[number]

export type WorkBy = 'contractor' | 'self'

export interface HouseholdWorkInput {
  work: HouseholdWork
  status: HouseholdStatus
  by: WorkBy
  teamId?: number | null
}

export interface HouseholdRate {
  work: HouseholdWork
  done: number
  total: number
  rate: number
  inProgress: number
  declined: number
  notStarted: number
  byContractor: number
  bySelf: number
  buildings: { buildingId: number; estateId: number; number: string; done: number; total: number }[]
}

export interface GridCell {
  dwellingId: number
  stairwell: number
  floor: number
  room: string
  status: HouseholdStatus
  by: WorkBy | null
  teamId: number | null
}

export interface HouseholdTeam {
  id: number
  name: string
  phone: string | null
  works: HouseholdWork[]
}

// ---- notices ------------------------------------------------------------------------------------

export interface WorksNotice {
  uid: string
  estateId: number
  estateName: string
  buildings: string[]
  kind: DisruptionKind
  stepCode: string
  stepName: string
  fromOn: string
  toOn: string
}

export interface PublicWorks {
  estate: { id: number; name: string }
  notices: WorksNotice[]
  progress: { percent: number } | null
  steps: { name: string; startOn: string; endOn: string; percent: number }[]
}

/** The construction card of GET /workbench (section `construction`). */
export interface ConstructionWorkbench {
  openAlerts: number
  delayedSteps: number
  yearEndFlags: number
  schedules: number
}
