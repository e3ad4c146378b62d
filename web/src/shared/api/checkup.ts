// The check-up API (docs/checkup.md): catalogue versions and indicators, renovation items,
// campaigns (assignment, observations, photos, review), problem lists, reports and the
// regional roll-up.
import { API_BASE, buildQuery, download, http, type RequestOptions } from './client'
import type {
  Campaign,
  CampaignInput,
  CampaignQuery,
  Catalog,
  CatalogSummary,
  CheckupItem,
  CheckupItemPatch,
  CheckupPhoto,
  IndicatorInput,
  Observation,
  ObservationInput,
  ProblemQuery,
  Problems,
  ReportsJob,
  Rollup,
  UpsertResult,
} from './checkup-types'
import type { Building, Dwelling } from './register/types'

const base = (id: number) => `/checkups/${id}`

// ---- catalogue -------------------------------------------------------------------------------

export async function listCatalogs(): Promise<CatalogSummary[]> {
  return (await http.get<{ items: CatalogSummary[] }>('/checkup/catalogs')).items
}

export function getCatalog(id: number): Promise<Catalog> {
  return http.get<Catalog>(`/checkup/catalogs/${id}`)
}

/** The indicators of a catalogue version (default: the latest published one). */
export function getIndicators(catalogId?: number | null, opts: RequestOptions = {}): Promise<Catalog> {
  return http.get<Catalog>('/checkup/indicators', { catalogId }, opts)
}

/** A new draft copied from the latest version. */
export function createCatalogDraft(): Promise<Catalog> {
  return http.post<Catalog>('/checkup/catalogs')
}

export function addIndicator(catalogId: number, body: IndicatorInput): Promise<Catalog> {
  return http.post<Catalog>(`/checkup/catalogs/${catalogId}/indicators`, body)
}

export function publishCatalog(catalogId: number): Promise<Catalog> {
  return http.post<Catalog>(`/checkup/catalogs/${catalogId}/publish`)
}

export async function listItems(): Promise<CheckupItem[]> {
  return (await http.get<{ items: CheckupItem[] }>('/checkup/items')).items
}

export function updateItem(code: string, patch: CheckupItemPatch): Promise<CheckupItem> {
  return http.patch<CheckupItem>(`/checkup/items/${encodeURIComponent(code)}`, patch)
}

// ---- campaigns -------------------------------------------------------------------------------

export function listCampaigns(query: CampaignQuery = {}, opts: RequestOptions = {}): Promise<{ items: Campaign[]; total: number }> {
  return http.get<{ items: Campaign[]; total: number }>('/checkups', { ...query }, opts)
}

export function getCampaign(id: number, opts: RequestOptions = {}): Promise<Campaign> {
  return http.get<Campaign>(base(id), undefined, opts)
}

export function createCampaign(body: CampaignInput): Promise<Campaign> {
  return http.post<Campaign>('/checkups', body)
}

export function assignEstates(id: number, estateIds: number[], userId: number): Promise<Campaign> {
  return http.post<Campaign>(`${base(id)}/assign`, { estateIds, userId })
}

export function submitEstate(id: number, estateId: number): Promise<Campaign> {
  return http.post<Campaign>(`${base(id)}/submit`, { estateId })
}

export function approveEstate(id: number, estateId: number): Promise<Campaign> {
  return http.post<Campaign>(`${base(id)}/approve`, { estateId })
}

export function returnEstate(id: number, estateId: number, comment: string): Promise<Campaign> {
  return http.post<Campaign>(`${base(id)}/return`, { estateId, comment })
}

// ---- observations and photos -----------------------------------------------------------------

export async function listObservations(id: number, estateId?: number | null, opts: RequestOptions = {}): Promise<Observation[]> {
  return (await http.get<{ items: Observation[] }>(`${base(id)}/observations`, { estateId }, opts)).items
}

/** Batch upsert, idempotent by clientId (a resend stores nothing new). */
export function upsertObservations(id: number, observations: ObservationInput[], opts: RequestOptions = {}): Promise<UpsertResult> {
  return http.post<UpsertResult>(`${base(id)}/observations`, { observations }, opts)
}

export function uploadPhoto(id: number, file: Blob, name?: string, opts: RequestOptions = {}): Promise<CheckupPhoto> {
  const form = new FormData()
  if (name !== undefined) form.append('file', file, name)
  else form.append('file', file)
  return http.post<CheckupPhoto>(`${base(id)}/photos`, form, opts)
}

/** The URL of a stored file (a photo): usable as <img src> with the session cookie. */
export function fileUrl(fileId: number): string {
  return `${API_BASE}/files/${fileId}`
}

// ---- results ---------------------------------------------------------------------------------

export function getProblems(id: number, query: ProblemQuery = {}): Promise<Problems> {
  return http.get<Problems>(`${base(id)}/problems`, { ...query })
}

export function getRollup(regionCode: string, year: number): Promise<Rollup> {
  return http.get<Rollup>(`/regions/${encodeURIComponent(regionCode)}/problems`, { year })
}

export type ReportFormat = 'html' | 'pdf' | 'xlsx'

/** The URL of a report: the estate's with `estateId`, else the campaign's area report. */
export function reportUrl(id: number, format: ReportFormat, estateId?: number | null): string {
  return `${API_BASE}${base(id)}/report.${format}${buildQuery({ estateId })}`
}

export function downloadReport(id: number, format: 'pdf' | 'xlsx', estateId?: number | null): Promise<string> {
  return download(`${base(id)}/report.${format}`, { estateId }, `report.${format}`)
}

/** Starts the background job writing every approved estate's report. */
export function generateReports(id: number): Promise<ReportsJob> {
  return http.post<ReportsJob>(`${base(id)}/reports`)
}

// ---- the register, as the capture needs it (silent: the phone falls back to its cache) -------

export async function listCaptureBuildings(estateId: number, opts: RequestOptions = {}): Promise<Building[]> {
  return (await http.get<{ items: Building[] }>(`/estates/${estateId}/buildings`, undefined, opts)).items
}

export async function listCaptureDwellings(buildingId: number, opts: RequestOptions = {}): Promise<Dwelling[]> {
  return (await http.get<{ items: Dwelling[] }>(`/buildings/${buildingId}/dwellings`, undefined, opts)).items
}
