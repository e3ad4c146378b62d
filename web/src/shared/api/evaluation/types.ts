// Shapes of the evaluation API (src/http/openapi/evaluation.json). Points are numbers with at most
// two decimals (92.5).

export type PeriodKind = 'monthly' | 'quarterly'
export type RankingLevel = 'estate' | 'street'

export interface GradeName {
  code: string
  nameZh: string
  nameEn: string
}

export interface ScorecardBand extends GradeName {
  min: number
  minInclusive: boolean
}

export interface ScorecardItem {
  code: string
  nameZh: string
  nameEn: string
  maxPoints: number
  group: string | null
}

export interface Scorecard {
  id: number
  name: string
  subjectLevel: 'estate'
  periodKind: PeriodKind
  maxPoints: number
  items: ScorecardItem[]
  bands: ScorecardBand[]
  defaultBands: boolean
  evaluations: number
  inUse: boolean
  createdAt: string
  updatedAt: string
}

export interface ScorecardInput {
  name: string
  periodKind: PeriodKind
  items: { code: string; nameZh: string; nameEn?: string; maxPoints: number | string; group?: string | null }[]
  bands?: { code: string; nameZh?: string; nameEn?: string; min?: number; minInclusive?: boolean }[]
}

export interface RectificationLine {
  itemCode?: string
  description: string
  dueInWorkingDays: number
  unitId: number
  projectId?: number
}

export interface EvaluationInput {
  estateId: number
  scorecardId: number
  on: string
  scores: Record<string, number | string>
  findings?: Record<string, string>
  rectifications?: RectificationLine[]
  note?: string
}

export interface EvaluationScore {
  itemCode: string
  points: number
  finding: string
  nameZh?: string
  nameEn?: string
  maxPoints?: number
}

export interface Evaluation {
  id: number
  estateId: number
  estateName: string
  scorecardId: number
  scorecardName: string
  regionCode: string
  on: string
  total: number
  grade: string
  gradeName: GradeName
  note: string
  createdBy: number
  createdAt: string
  scores?: EvaluationScore[]
  rectificationIds?: number[]
}

export interface EvaluationQuery {
  regionCode?: string
  period?: string
  estateId?: number
  scorecardId?: number
  page?: number
  pageSize?: number
}

export interface RankingRow {
  rank: number
  id: string
  name: string
  total: number
  grade: GradeName
  evaluations: number
  estates: number
}

export interface Rankings {
  level: RankingLevel
  period: string
  regionCode: string
  items: RankingRow[]
  commendations: RankingRow[]
  criticisms: RankingRow[]
}
