// Shapes of the check-up API (docs/checkup.md, "JSON shapes"): catalogue, renovation items,
// campaigns, observations, problems and the regional roll-up. JSON keys are camelCase.

export type Severity = 'severe' | 'larger_hazard' | 'hazard' | 'problem'
export const SEVERITIES: Severity[] = ['severe', 'larger_hazard', 'hazard', 'problem']

export type IndicatorLevel = 'building' | 'dwelling' | 'estate'
export type CriterionInput = 'flag' | 'number'
export type CriterionUnit = '' | 'm2' | 'years' | 'count' | 'km' | 'm2_per_100hh'
export type CatalogState = 'draft' | 'published'

/** A numeric bound as the server sends it: a decimal string ("10") or a number. */
export type Decimal = string | number

export interface Band {
  upTo?: Decimal
  inclusive?: boolean
  severity: Severity
}

export type Rule =
  | { type: 'flag'; severity: Severity }
  | { type: 'bands'; bands: Band[] }
  | { type: 'age_and_condition'; minYears: Decimal; severity: Severity }
  | { type: 'shortfall'; severity: Severity }
  | { type: 'below'; min: Decimal; severity: Severity }

export type RuleType = Rule['type']

export interface Criterion {
  code: string
  name: string
  input: CriterionInput
  unit: CriterionUnit | string
  needsCondition: boolean
  rule: Rule
  suggestedItems: string[]
}

export interface Indicator {
  code: string
  name: string
  level: IndicatorLevel
  subDimension: string
  problemUnit: string
  sumsValues: boolean
  local: boolean
  criteria: Criterion[]
}

export interface CatalogSummary {
  id: number
  year: number
  name: string
  state: CatalogState
  basedOn: number | null
  createdAt: string
  publishedAt: string | null
}

export interface Catalog extends CatalogSummary {
  indicators: Indicator[]
}

export interface CriterionInputBody {
  code: string
  nameZh: string
  nameEn?: string
  unit?: string
  rule: Rule
  suggestedItems?: string[]
}

export interface IndicatorInput {
  code: string
  nameZh: string
  nameEn?: string
  level: IndicatorLevel
  subDimension: string
  problemUnit: string
  sumsValues?: boolean
  criteria: CriterionInputBody[]
}

export type ItemCategory = 'basic' | 'improve' | 'upgrade'
export type Payer = 'government' | 'utility' | 'residents' | string

export interface CheckupItem {
  code: string
  category: ItemCategory | string
  categoryName: string
  name: string
  unit: string
  /** Indicative unit cost in fen, or null when not set. */
  unitCost: number | null
  payer: Payer
  indicators: string[]
}

export interface CheckupItemPatch {
  unit?: string
  unitCost?: number | null
  payer?: Payer
}

export type EstateCheckupStatus = 'draft' | 'submitted' | 'returned' | 'approved'

export interface CampaignEstate {
  estateId: number
  estateName: string
  regionCode: string
  status: EstateCheckupStatus | string
  comment: string
  assignee: { id: number; username: string } | null
  submittedAt: string | null
  approvedAt: string | null
  reportFileId: number | null
  observations: number
  problems: number
}

export interface Campaign {
  id: number
  title: string
  year: number
  regionCode: string
  catalogId: number
  catalogName: string
  createdAt: string
  updatedAt: string
  estates: CampaignEstate[]
}

export interface CampaignInput {
  title: string
  year: number
  regionCode: string
  estateIds?: number[]
  catalogId?: number
}

export interface CampaignQuery {
  regionCode?: string
  year?: number | null
  page?: number
  pageSize?: number
}

export interface ObservationInput {
  clientId: string
  estateId: number
  buildingId?: number | null
  dwellingId?: number | null
  indicator: string
  criterion: string
  present?: boolean
  value?: string | number | null
  condition?: boolean
  note?: string
  photoIds?: number[]
  lat?: number | null
  lng?: number | null
  observedAt?: string
}

export interface Observation {
  id: number
  clientId: string
  estateId: number
  buildingId: number | null
  dwellingId: number | null
  indicator: string
  criterion: string
  present: boolean
  value: number | null
  condition: boolean
  note: string
  photoIds: number[]
  lat: number | null
  lng: number | null
  observedAt: string
  severity: Severity | null
  by: string
  createdAt: string
  updatedAt: string
}

export interface UpsertResult {
  created: number
  updated: number
  unchanged: number
  results: { clientId: string; id: number; severity: Severity | null }[]
}

export interface CheckupPhoto {
  id: number
  name: string
  contentType: string
  size: number
  sha256: string
  createdAt: string
}

export interface Problem {
  observationId: number
  estateId: number
  estateName: string
  objectType: IndicatorLevel
  objectKey: string
  objectLabel: string
  indicator: string
  indicatorName: string
  criterion: string
  criterionName: string
  severity: Severity
  severityName: string
  value: number | null
  unit: string
  note: string
  photoIds: number[]
  suggestedItems: string[]
}

export interface IndicatorSummary {
  indicator: string
  name: string
  subDimension: string
  problemUnit: string
  objects: number
  problems: number
  value: number | null
  worst: Severity | null
}

export interface Problems {
  items: Problem[]
  total: number
  summary: {
    byIndicator: IndicatorSummary[]
    bySubDimension: { subDimension: string; problems: number }[]
    bySeverity: Record<Severity, number>
  }
}

export interface ProblemQuery {
  estateId?: number | null
  severity?: Severity | ''
  indicator?: string
}

export interface RollupRow {
  regionCode: string
  regionName: string
  estates: number
  problems: number
  previousProblems: number
  byIndicator: Record<string, { objects: number; previous: number }>
}

export interface Rollup {
  regionCode: string
  regionName: string
  year: number
  indicators: { code: string; name: string; subDimension: string; problemUnit: string }[]
  children: RollupRow[]
  total: RollupRow
}

export interface ReportsJob {
  jobId: number
  estates: number
}
