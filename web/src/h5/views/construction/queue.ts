// The contractor's progress reports as the phone keeps them until the server has them, and the
// pure steps of sending them: which go next, the request body, what an answer or a refusal does
// to a record. IndexedDB and the network live in sync.ts; this file is unit-tested without them.
import type { ProgressInput, ProgressReport } from '@/shared/api/construction/types'

export type ReportState = 'pending' | 'synced' | 'error'

export interface QueuedReport {
  /** The idempotency key sent as `clientId`: the server stores a report once however often it is resent. */
  clientId: string
  projectId: number
  stepCode: string
  stepName: string
  percent: number
  on: string
  note: string
  /** The photo still on the phone, until uploaded. */
  photo: { blob: Blob; name: string } | null
  /** The photo's file id once uploaded (kept so a resend does not upload it again). */
  photoFileId: number | null
  state: ReportState
  error: string
  serverId: number | null
  /** ms since epoch, for the order of sending and of the list. */
  createdAt: number
}

export function newReport(fields: Pick<QueuedReport, 'clientId' | 'projectId' | 'stepCode' | 'stepName' | 'percent' | 'on' | 'note' | 'photo'>, now = Date.now()): QueuedReport {
  return { ...fields, percent: Math.round(Math.max(0, Math.min(100, fields.percent))), photoFileId: null, state: 'pending', error: '', serverId: null, createdAt: now }
}

/** The pending reports, oldest first (so a later report of a step lands after an earlier one). */
export function toSend(all: QueuedReport[]): QueuedReport[] {
  return all.filter((r) => r.state === 'pending').sort((a, b) => a.createdAt - b.createdAt || a.clientId.localeCompare(b.clientId))
}

/** The POST /progress body of a report. */
export function toBody(r: QueuedReport): ProgressInput {
  const body: ProgressInput = { stepCode: r.stepCode, percent: r.percent, on: r.on, clientId: r.clientId }
  if (r.photoFileId !== null) body.photoFileId = r.photoFileId
  if (r.note.trim()) body.note = r.note.trim()
  return body
}

/** The record once the server has it: synced, the photo blob dropped (it is on the server). */
export function synced(r: QueuedReport, answer: ProgressReport): QueuedReport {
  return { ...r, state: 'synced', error: '', serverId: answer.id, photo: null, photoFileId: answer.photoFileId ?? r.photoFileId }
}

export function failed(r: QueuedReport, message: string): QueuedReport {
  return { ...r, state: 'error', error: message }
}

/**
 * Whether a refusal is the report's own fault (it would fail again: mark it failed and go on)
 * rather than the moment's (offline, server down, session expired, too many requests: retry).
 */
export function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429
}

/** Synced reports beyond the newest `keep` are forgotten (pending and failed ones never). */
export function prune(all: QueuedReport[], keep = 30): string[] {
  const done = all.filter((r) => r.state === 'synced').sort((a, b) => b.createdAt - a.createdAt)
  return done.slice(keep).map((r) => r.clientId)
}

/** Counts for the sync bar. */
export function counts(all: QueuedReport[]): { pending: number; failed: number } {
  return { pending: all.filter((r) => r.state === 'pending').length, failed: all.filter((r) => r.state === 'error').length }
}

/** Today in Beijing, 'YYYY-MM-DD'. */
export function todayBeijing(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
