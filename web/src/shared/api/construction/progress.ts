// Progress reports and roll-up, household works and teams, notices to residents and the public
// works page of an estate (docs/construction.md, "Progress, household works, notices").
import { API_BASE, download, http, type RequestOptions } from '../client'
import type {
  GridCell,
  HouseholdRate,
  HouseholdTeam,
  HouseholdWork,
  HouseholdWorkInput,
  Progress,
  ProgressInput,
  ProgressReport,
  PublicWorks,
  WorksNotice,
} from './types'

const base = (id: number) => `/projects/${id}`

export function reportProgress(id: number, body: ProgressInput, opts: RequestOptions = {}): Promise<ProgressReport> {
  return http.post<ProgressReport>(`${base(id)}/progress`, body, opts)
}

export function getProgress(id: number): Promise<Progress> {
  return http.get<Progress>(`${base(id)}/progress`)
}

/** Weights in permille per item code. */
export function putWeights(id: number, weights: Record<string, number>): Promise<Progress> {
  return http.put<Progress>(`${base(id)}/progress/weights`, { weights })
}

export function downloadProgressSheet(id: number): Promise<string> {
  return download(`${base(id)}/progress/sheet.xlsx`, undefined, `progress-${id}.xlsx`)
}

/** Silent: the page lists a 422's row errors itself. */
export function importProgress(id: number, file: File | Blob): Promise<{ imported: number }> {
  const form = new FormData()
  form.append('file', file)
  return http.post<{ imported: number }>(`${base(id)}/progress/import`, form, { silent: true })
}

/**
 * Stores a progress photo (multipart `file`) and answers its file id for `photoFileId`.
 * Route: POST /projects/{id}/progress/photos (the progress service's upload, stored like the
 * check-up photos: metadata stripped, readable with GET /files/{id}).
 */
export function uploadProgressPhoto(id: number, file: Blob, name: string, opts: RequestOptions = {}): Promise<{ id: number }> {
  const form = new FormData()
  form.append('file', file, name)
  return http.post<{ id: number }>(`${base(id)}/progress/photos`, form, opts)
}

export function fileUrl(fileId: number): string {
  return `${API_BASE}/files/${fileId}`
}

// ---- household works -------------------------------------------------------------------------

export function getHouseholdRate(id: number, work: HouseholdWork): Promise<HouseholdRate> {
  return http.get<HouseholdRate>(`${base(id)}/household-works`, { work })
}

export async function getHouseholdGrid(id: number, work: HouseholdWork, buildingId: number): Promise<GridCell[]> {
  return (await http.get<{ items: GridCell[] }>(`${base(id)}/household-works/grid`, { work, buildingId })).items
}

export function putHouseholdWork(id: number, dwellingId: number, body: HouseholdWorkInput): Promise<unknown> {
  return http.put<unknown>(`${base(id)}/household-works/${dwellingId}`, body)
}

export async function listTeams(id: number): Promise<HouseholdTeam[]> {
  return (await http.get<{ items: HouseholdTeam[] }>(`${base(id)}/household-teams`)).items
}

export function addTeam(id: number, body: { name: string; phone?: string; works: HouseholdWork[] }): Promise<HouseholdTeam> {
  return http.post<HouseholdTeam>(`${base(id)}/household-teams`, body)
}

// ---- notices -----------------------------------------------------------------------------------

export async function listWorksNotices(id: number): Promise<WorksNotice[]> {
  return (await http.get<{ items: WorksNotice[] }>(`${base(id)}/notices`)).items
}

export function noticePrintUrl(id: number, estateId: number): string {
  return `${API_BASE}${base(id)}/notices/print?estateId=${estateId}`
}

/** The resident's page: no login, no personal data. */
export function getPublicWorks(estateId: number): Promise<PublicWorks> {
  return http.get<PublicWorks>(`/public/estates/${estateId}/works`, undefined, { silent: true, noAuthRedirect: true })
}

export function worksIcsUrl(estateId: number): string {
  return `${API_BASE}/public/estates/${estateId}/works.ics`
}
