// Publicity (公示, docs/project.md): staff notices with versions and objections, and the public
// page residents open from the board's QR code (no login).
import { API_BASE, http } from '../client'
import type { Notice, NoticeInput, Objection, ObjectionInput, PublicNotice, RevisionInput } from './types'

export async function listNotices(query: { projectId?: number; regionCode?: string } = {}): Promise<Notice[]> {
  return (await http.get<{ items: Notice[] }>('/publicity', { ...query })).items
}

export function getNotice(id: number): Promise<Notice> {
  return http.get<Notice>(`/publicity/${id}`)
}

export function createNotice(body: NoticeInput): Promise<Notice> {
  return http.post<Notice>('/publicity', body)
}

export function reviseNotice(id: number, body: RevisionInput): Promise<Notice> {
  return http.post<Notice>(`/publicity/${id}/revisions`, body)
}

export function uploadNoticePhoto(id: number, file: File | Blob): Promise<unknown> {
  const form = new FormData()
  form.append('file', file)
  return http.post<unknown>(`/publicity/${id}/photo`, form)
}

export function answerObjection(id: number, objectionId: number, answer: string): Promise<Objection> {
  return http.post<Objection>(`/publicity/${id}/objections/${objectionId}/answer`, { answer })
}

// ---- public ----------------------------------------------------------------------------------

export function getPublicNotice(id: number): Promise<PublicNotice> {
  return http.get<PublicNotice>(`/public/publicity/${id}`, undefined, { silent: true, noAuthRedirect: true })
}

/** Silent: the page explains 409 publicity.closed and 429 itself. */
export function sendObjection(id: number, body: ObjectionInput): Promise<{ id: number; receivedAt: string }> {
  return http.post<{ id: number; receivedAt: string }>(`/public/publicity/${id}/objections`, body, { silent: true, noAuthRedirect: true })
}

/** The resident's page of a notice (what the board's QR code opens). */
export function publicPageUrl(id: number, origin = typeof location === 'undefined' ? '' : location.origin): string {
  return `${origin}/h5/#/publicity/${id}`
}

/** The printable A4 notice with its QR code. */
export function printPageUrl(id: number): string {
  return `${API_BASE}/public/publicity/${id}/print`
}
