// The public portal's API (issue #15, src/http/openapi/portal.json): no session, nothing about a
// person or a single dwelling. Money in fen; rates in percent with two decimals, null when their
// denominator is 0.
import { API_BASE, http } from './client'

export type RenovationStatus = 'none' | 'planned' | 'started' | 'completed'

export interface PublicEstateSummary {
  id: number
  name: string
  address: string
  regionCode: string
  community: string
  street: string | null
  county: string | null
  builtYear: number
  renovationYear: number | null
  renovationStatus: RenovationStatus
  progressPercent: number | null
  lat: number | null
  lng: number | null
  buildings: number
  households: number
}

export interface PublicEstatePage {
  items: PublicEstateSummary[]
  total: number
  page: number
  pageSize: number
}

export interface PublicProject {
  id: number
  name: string
  year: number
  kind: 'estate' | 'area'
  /** The project's gate (reserve … handed_over). */
  status: string
  acceptedOn: string | null
}

export interface PublicPlanItem {
  projectId: number
  itemCode: string
  itemName: string
  unit: string
  quantity: string
  estimateFen: number
  budgetFen: number | null
}

export interface PublicMoneySource {
  source: string
  sourceName: string
  committedFen: number
  receivedFen: number
  paidFen: number
}

/** A scheduled construction step touching the estate. */
export interface PublicStep {
  name: string
  startsOn: string
  endsOn: string
  /** Latest reported percent (0 when never reported). */
  percent: number
}

export interface PublicObjection {
  content: string
  receivedOn: string
  answer: string | null
  answeredOn: string | null
}

export interface PublicNotice {
  id: number
  projectId: number
  kind: 'plan' | 'design' | 'budget' | 'result' | 'completion'
  title: string
  body: string
  version: number
  startsOn: string
  endsOn: string
  objections: PublicObjection[]
}

export interface PublicProblem {
  checkupId: number
  year: number
  indicatorCode: string
  indicator: string
  building: string | null
}

export interface PublicRectification {
  id: number
  projectId: number
  itemCode: string | null
  finding: string
  issuedOn: string
  dueOn: string
  status: 'open' | 'replied' | 'closed'
  closedOn: string | null
}

export interface PublicAcceptance {
  projectId: number
  acceptedOn: string | null
  points: number | null
  maxPoints: number | null
  householdsAccepted: number
  householdsRefused: number
}

export interface PublicManagement {
  mode: string
  company: string | null
  feePerM2Month: string | null
  contractStart: string | null
  contractEnd: string | null
  collectionRate: number | null
  fundBalance: number | null
}

export interface PublicRatings {
  count: number
  average: number | null
  byStars: number[]
}

export interface PublicEstate extends PublicEstateSummary {
  projects: PublicProject[]
  plan: PublicPlanItem[]
  money: PublicMoneySource[]
  schedule: PublicStep[]
  notices: PublicNotice[]
  problems: PublicProblem[]
  rectifications: PublicRectification[]
  acceptance: PublicAcceptance[]
  management: PublicManagement | null
  ratings: PublicRatings
}

export interface PublicStats {
  regionCode: string | null
  year: number | null
  estates: number
  buildings: number
  households: number
  projects: { planned: number; started: number; completed: number; startRate: number | null; completionRate: number | null }
  money: { source: string; sourceName: string; plannedFen: number; spentFen: number }[]
  moneyTotal: { plannedFen: number; spentFen: number; executionRate: number | null }
  tickets: { received: number; closed: number }
  rectifications: { open: number; closed: number }
}

export interface PublicAuditHead {
  on: string
  seq: number
  hash: string
}

/** The open datasets, in the order the open data page lists them. */
export const OPEN_DATASETS = ['estates', 'funding', 'progress', 'rectifications', 'stats'] as const
export type OpenDataset = (typeof OPEN_DATASETS)[number]

export function listPublicEstates(query: { regionCode?: string; page?: number; pageSize?: number }): Promise<PublicEstatePage> {
  return http.get<PublicEstatePage>('/public/estates', { ...query, regionCode: query.regionCode || undefined })
}

export function getPublicEstate(id: number): Promise<PublicEstate> {
  return http.get<PublicEstate>(`/public/estates/${id}`)
}

export function getPublicStats(query: { regionCode?: string; year?: number | null }): Promise<PublicStats> {
  return http.get<PublicStats>('/public/stats', { regionCode: query.regionCode || undefined, year: query.year ?? undefined })
}

export function listAuditHeads(): Promise<PublicAuditHead[]> {
  return http.get<PublicAuditHead[]>('/public/audit-heads')
}

/** Where a dataset downloads from (a plain link: the browser saves the file). */
export function openDataUrl(dataset: OpenDataset, format: 'csv' | 'json'): string {
  return `${API_BASE}/public/open-data/${dataset}.${format}`
}
