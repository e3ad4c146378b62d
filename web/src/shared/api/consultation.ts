// The consultation API (docs/consultation.md): staff endpoints need a session; the resident's
// ballot page and the receipt check are public (the code is the credential).
import { API_BASE, buildQuery, download, http } from './client'
import type { Page } from './types'
import type {
  Ballot,
  BallotCode,
  BallotInput,
  BallotSheet,
  CatalogItem,
  Choice,
  Consultation,
  ConsultationInput,
  ConsultationQuery,
  ConsultationSummary,
  Followup,
  FollowupQuery,
  LiftShareInput,
  LiftShareResult,
  NewRoundInput,
  PublicReceipt,
  Receipt,
  StoredFile,
  Tally,
  Visit,
  VisitInput,
} from './consultation-types'

const base = (id: number) => `/consultations/${id}`

// ---- catalogue -------------------------------------------------------------------------------

export async function listCatalogItems(): Promise<CatalogItem[]> {
  return (await http.get<{ items: CatalogItem[] }>('/catalog/renovation-items')).items
}

// ---- consultations ---------------------------------------------------------------------------

export function listConsultations(query: ConsultationQuery = {}): Promise<Page<ConsultationSummary>> {
  return http.get<Page<ConsultationSummary>>('/consultations', { ...query })
}

export function createConsultation(body: ConsultationInput): Promise<Consultation> {
  return http.post<Consultation>('/consultations', body)
}

export function getConsultation(id: number): Promise<Consultation> {
  return http.get<Consultation>(base(id))
}

export function openConsultation(id: number): Promise<Consultation> {
  return http.post<Consultation>(`${base(id)}/open`)
}

export function closeConsultation(id: number): Promise<Consultation> {
  return http.post<Consultation>(`${base(id)}/close`)
}

export function startRound(id: number, body: NewRoundInput): Promise<Consultation> {
  return http.post<Consultation>(`${base(id)}/rounds`, body)
}

// ---- ballots (staff) -------------------------------------------------------------------------

export function castBallot(id: number, dwellingId: number, body: BallotInput): Promise<Receipt> {
  return http.put<Receipt>(`${base(id)}/ballots/${dwellingId}`, body)
}

export async function listBallots(id: number, dwellingId?: number): Promise<Ballot[]> {
  return (await http.get<{ items: Ballot[] }>(`${base(id)}/ballots`, { dwellingId })).items
}

export async function listCodes(id: number): Promise<BallotCode[]> {
  return (await http.get<{ items: BallotCode[] }>(`${base(id)}/codes`)).items
}

/** The paper-entry view of one ballot code (same shape as the resident's page). */
export function getPaperBallot(id: number, code: string, silent = false): Promise<BallotSheet> {
  return http.get<BallotSheet>(`${base(id)}/paper/${encodeURIComponent(code)}`, undefined, { silent })
}

/** The URL of the printable ballots (A4, one page per dwelling, with QR codes). */
export function ballotsPdfUrl(id: number, buildingId?: number): string {
  return `${API_BASE}${base(id)}/ballots.pdf${buildQuery({ buildingId })}`
}

export function downloadBallotsPdf(id: number, buildingId?: number): Promise<string> {
  return download(`${base(id)}/ballots.pdf`, { buildingId }, 'ballots.pdf')
}

/**
 * Uploads a photo (JPEG, PNG, WebP) or PDF of a signed ballot form; pass the answer's `id` as
 * `evidenceFileId` of the ballot. Silent: the door-to-door form shows the server's message
 * (413 too large, 415 not an image or PDF) next to the upload.
 */
export function uploadEvidence(id: number, file: File | Blob, name?: string): Promise<StoredFile> {
  const form = new FormData()
  if (name !== undefined) form.append('file', file, name)
  else form.append('file', file)
  return http.post<StoredFile>(`${base(id)}/evidence`, form, { silent: true })
}

/** The URL of a stored file (GET, session cookie): open in a new tab or use as <img src>. */
export function fileUrl(fileId: number): string {
  return `${API_BASE}/files/${fileId}`
}

// ---- tally -----------------------------------------------------------------------------------

/** The standing result (default) or the result of one round; `silent` for background polls. */
export function getTally(id: number, round?: number, opts: { signal?: AbortSignal; silent?: boolean } = {}): Promise<Tally> {
  return http.get<Tally>(`${base(id)}/tally`, { round }, opts)
}

// ---- follow-up -------------------------------------------------------------------------------

export function listFollowups(id: number, query: FollowupQuery = {}): Promise<{ items: Followup[]; total: number }> {
  return http.get<{ items: Followup[]; total: number }>(`${base(id)}/followups`, { ...query })
}

export function assignFollowups(id: number, dwellingIds: number[], userId: number): Promise<{ assigned: number }> {
  return http.post<{ assigned: number }>(`${base(id)}/followups/assign`, { dwellingIds, userId })
}

export function recordVisit(id: number, body: VisitInput): Promise<Visit> {
  return http.post<Visit>(`${base(id)}/followups/visits`, body)
}

/** The URL of the printable visit sheets. */
export function followupsPdfUrl(id: number, itemId?: number): string {
  return `${API_BASE}${base(id)}/followups.pdf${buildQuery({ itemId })}`
}

// ---- lift cost sharing ---------------------------------------------------------------------

/** Splits a lift's cost among one stairwell's dwellings (nothing is stored). */
export function computeLiftShare(body: LiftShareInput): Promise<LiftShareResult> {
  return http.post<LiftShareResult>('/lift-share', body)
}

// ---- resident (public) -----------------------------------------------------------------------

/** Silent: the page shows a bad or expired code itself. */
export function getBallotByCode(code: string): Promise<BallotSheet> {
  return http.get<BallotSheet>(`/ballot/${encodeURIComponent(code)}`, undefined, { noAuthRedirect: true, silent: true })
}

export function submitBallotByCode(code: string, choices: Record<string, Choice>): Promise<Receipt> {
  return http.put<Receipt>(`/ballot/${encodeURIComponent(code)}`, { choices }, { noAuthRedirect: true })
}

/** Silent: the page shows an unknown receipt itself. */
export function getPublicReceipt(code: string): Promise<PublicReceipt> {
  return http.get<PublicReceipt>(`/public/receipts/${encodeURIComponent(code)}`, undefined, { noAuthRedirect: true, silent: true })
}
