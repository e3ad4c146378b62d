// The supervision API (docs/supervision.md): checklist, roster, units, inspections and their
// photos, rectification orders (issue, reply, re-check), scores, the quality register and
// democratic supervision days.
import { http, type RequestOptions } from '../client'
import type { Page } from '../types'
import type {
  ChecklistItem,
  Inspection,
  InspectionInput,
  QualityRegisterRow,
  Rectification,
  RectificationInput,
  RectificationQuery,
  ResponsibleUnit,
  SupervisionAction,
  SupervisionDay,
  SupervisionDayInput,
  Supervisor,
  SupervisorInput,
  UnitScore,
} from './types'

const items = async <T>(p: Promise<{ items: T[] }>): Promise<T[]> => (await p).items

export function getChecklist(): Promise<ChecklistItem[]> {
  return items(http.get<{ items: ChecklistItem[] }>('/supervision/checklist'))
}

export function listSupervisors(regionCode?: string): Promise<Supervisor[]> {
  return items(http.get<{ items: Supervisor[] }>('/supervisors', { regionCode: regionCode || undefined }))
}

export function createSupervisor(body: SupervisorInput): Promise<Supervisor> {
  return http.post<Supervisor>('/supervisors', body)
}

export function listUnits(regionCode?: string): Promise<ResponsibleUnit[]> {
  return items(http.get<{ items: ResponsibleUnit[] }>('/responsible-units', { regionCode: regionCode || undefined }))
}

export function listInspections(projectId: number): Promise<Inspection[]> {
  return items(http.get<{ items: Inspection[] }>(`/projects/${projectId}/inspections`))
}

/** 201 for a new inspection, 200 with the first one when its clientId was sent before. */
export function recordInspection(projectId: number, body: InspectionInput, opts: RequestOptions = {}): Promise<Inspection> {
  return http.post<Inspection>(`/projects/${projectId}/inspections`, body, opts)
}

/** A finding's or a reply's photo (multipart `file`); answers its file id. */
export function uploadSupervisionPhoto(projectId: number, file: Blob, name: string, opts: RequestOptions = {}): Promise<{ id: number }> {
  const form = new FormData()
  form.append('file', file, name)
  return http.post<{ id: number }>(`/projects/${projectId}/inspections/photos`, form, opts)
}

/** One page of orders, newest first, with how many match in all (`pageSize` ≤ 500). */
export function listRectifications(q: RectificationQuery = {}): Promise<Page<Rectification>> {
  return http.get<Page<Rectification>>('/rectifications', {
    status: q.status || undefined,
    level: q.level ?? undefined,
    projectId: q.projectId ?? undefined,
    regionCode: q.regionCode || undefined,
    page: q.page,
    pageSize: q.pageSize,
  })
}

export function getRectification(id: number): Promise<Rectification> {
  return http.get<Rectification>(`/rectifications/${id}`)
}

export function issueRectification(body: RectificationInput): Promise<Rectification> {
  return http.post<Rectification>('/rectifications', body)
}

export function replyRectification(id: number, body: { note: string; photoFileIds?: number[] }): Promise<Rectification> {
  return http.post<Rectification>(`/rectifications/${id}/reply`, body)
}

export function recheckRectification(id: number, body: { passed: boolean; note?: string; photoFileIds?: number[] }): Promise<Rectification> {
  return http.post<Rectification>(`/rectifications/${id}/recheck`, body)
}

export function listScores(regionCode?: string): Promise<UnitScore[]> {
  return items(http.get<{ items: UnitScore[] }>('/supervision/scores', { regionCode: regionCode || undefined }))
}

export function searchQualityRegister(q: { projectId?: number | null; itemCode?: string; q?: string }): Promise<QualityRegisterRow[]> {
  return items(http.get<{ items: QualityRegisterRow[] }>('/quality-register', { projectId: q.projectId ?? undefined, itemCode: q.itemCode || undefined, q: q.q || undefined }))
}

export function listSupervisionDays(projectId: number): Promise<SupervisionDay[]> {
  return items(http.get<{ items: SupervisionDay[] }>(`/projects/${projectId}/supervision-days`))
}

export function recordSupervisionDay(projectId: number, body: SupervisionDayInput): Promise<SupervisionDay> {
  return http.post<SupervisionDay>(`/projects/${projectId}/supervision-days`, body)
}

export function setActionStatus(id: number, status: SupervisionAction['status']): Promise<SupervisionAction> {
  return http.patch<SupervisionAction>(`/supervision-actions/${id}`, { status })
}
