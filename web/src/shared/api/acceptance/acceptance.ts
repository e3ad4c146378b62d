// The acceptance API (docs/acceptance.md): household acceptance and its signature upload, the
// completion acceptance with its punch list, the handover, the permanent sign's print page and
// the warranties of a project or an estate.
import { API_BASE, http, type RequestOptions } from '../client'
import type {
  Acceptance,
  AcceptanceInput,
  HandoverInput,
  HouseholdAcceptance,
  HouseholdAcceptanceInput,
  Warranty,
} from './types'

const items = async <T>(p: Promise<{ items: T[] }>): Promise<T[]> => (await p).items
const base = (projectId: number) => `/projects/${projectId}`

export function getAcceptance(projectId: number): Promise<Acceptance> {
  return http.get<Acceptance>(`${base(projectId)}/acceptance`)
}

/** 422 while a punch entry is open or waived without a reason; 409 the second time. */
export function recordAcceptance(projectId: number, body: AcceptanceInput, opts: RequestOptions = {}): Promise<Acceptance> {
  return http.post<Acceptance>(`${base(projectId)}/acceptance`, body, opts)
}

export function recordHandover(projectId: number, body: HandoverInput): Promise<Acceptance> {
  return http.post<Acceptance>(`${base(projectId)}/acceptance/handover`, body)
}

/** The permanent sign, A4 landscape HTML shown inline to be printed. */
export function signPrintUrl(projectId: number): string {
  return `${API_BASE}${base(projectId)}/acceptance/sign/print`
}

export function listHouseholdAcceptances(projectId: number): Promise<HouseholdAcceptance[]> {
  return items(http.get<{ items: HouseholdAcceptance[] }>(`${base(projectId)}/household-acceptance`))
}

/** The resident's signature, a PNG (multipart `file`); answers its stored file id. */
export function uploadSignature(projectId: number, png: Blob): Promise<{ id: number }> {
  const form = new FormData()
  form.append('file', png, 'signature.png')
  return http.post<{ id: number }>(`${base(projectId)}/household-acceptance/signatures`, form)
}

export function putHouseholdAcceptance(projectId: number, dwellingId: number, body: HouseholdAcceptanceInput): Promise<HouseholdAcceptance> {
  return http.put<HouseholdAcceptance>(`${base(projectId)}/household-acceptance/${dwellingId}`, body)
}

export function listProjectWarranties(projectId: number): Promise<Warranty[]> {
  return items(http.get<{ items: Warranty[] }>(`${base(projectId)}/warranties`))
}

export function listEstateWarranties(estateId: number): Promise<Warranty[]> {
  return items(http.get<{ items: Warranty[] }>(`/estates/${estateId}/warranties`))
}
