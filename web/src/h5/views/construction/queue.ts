// The contractor's progress reports as the phone keeps them until the server has them, and the
// pure steps of sending them: which go next, the request body, what an answer or a refusal does
// to a record (the generic steps are the phone outbox's, pwa/outbox.ts). IndexedDB and the
// network live in sync.ts; this file is unit-tested without them.
import type { ProgressInput, ProgressReport } from '@/shared/api/construction/types'
import type { OutboxRecord, OutboxState } from '../../pwa/outbox'

export { counts, failed, isPermanent, prune, toSend } from '../../pwa/outbox'

export type ReportState = OutboxState

export interface QueuedReport extends OutboxRecord {
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
  serverId: number | null
}

export function newReport(fields: Pick<QueuedReport, 'clientId' | 'projectId' | 'stepCode' | 'stepName' | 'percent' | 'on' | 'note' | 'photo'>, now = Date.now()): QueuedReport {
  return { ...fields, percent: Math.round(Math.max(0, Math.min(100, fields.percent))), photoFileId: null, state: 'pending', error: '', serverId: null, createdAt: now }
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

/** Today in Beijing, 'YYYY-MM-DD'. */
export { shanghaiToday as todayBeijing } from '@/shared/utils/date'
