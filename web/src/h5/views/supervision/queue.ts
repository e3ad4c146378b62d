// The supervisor's inspections as the phone keeps them until the server has them (an outbox
// record, pwa/outbox.ts), and the pure steps of sending them: the request body and what the
// answer does to a record. IndexedDB and the network live in sync.ts; unit-tested without them.
import type { Inspection, InspectionInput } from '@/shared/api/supervision/types'
import type { OutboxRecord } from '../../pwa/outbox'

export interface QueuedFinding {
  itemCode: string
  /** The checklist item's name when recorded (shown offline). */
  itemName: string
  text: string
  /** The photo still on the phone, until uploaded. */
  photo: { blob: Blob; name: string } | null
  /** The photo's file id once uploaded (kept so a resend does not upload it again). */
  photoFileId: number | null
}

export interface QueuedInspection extends OutboxRecord {
  projectId: number
  projectName: string
  place: string
  note: string
  /** When on site (UTC ISO): the phone's clock when recorded, not when sent. */
  inspectedAt: string
  findings: QueuedFinding[]
  serverId: number | null
}

export function newInspection(
  fields: Pick<QueuedInspection, 'clientId' | 'projectId' | 'projectName' | 'place' | 'note' | 'findings'>,
  now = Date.now(),
): QueuedInspection {
  return {
    ...fields,
    place: fields.place.trim(),
    note: fields.note.trim(),
    findings: fields.findings.map((f) => ({ ...f, text: f.text.trim(), photoFileId: null })),
    inspectedAt: new Date(now).toISOString(),
    state: 'pending',
    error: '',
    serverId: null,
    createdAt: now,
  }
}

/** The findings whose photo still waits on the phone (their indexes). */
export function photosToUpload(r: QueuedInspection): number[] {
  return r.findings.flatMap((f, i) => (f.photo && f.photoFileId === null ? [i] : []))
}

/** The record with finding `i`'s photo on the server. */
export function withPhoto(r: QueuedInspection, i: number, fileId: number): QueuedInspection {
  return { ...r, findings: r.findings.map((f, j) => (j === i ? { ...f, photoFileId: fileId } : f)) }
}

/** The POST /projects/{id}/inspections body of a record. */
export function toBody(r: QueuedInspection): InspectionInput {
  const body: InspectionInput = {
    clientId: r.clientId,
    inspectedAt: r.inspectedAt,
    findings: r.findings.map((f) => (f.photoFileId !== null ? { itemCode: f.itemCode, text: f.text, photoFileIds: [f.photoFileId] } : { itemCode: f.itemCode, text: f.text })),
  }
  if (r.place) body.place = r.place
  if (r.note) body.note = r.note
  return body
}

/** The record once the server has it: synced, the photo blobs dropped (they are on the server). */
export function synced(r: QueuedInspection, answer: Inspection): QueuedInspection {
  return { ...r, state: 'synced', error: '', serverId: answer.id, findings: r.findings.map((f) => ({ ...f, photo: null })) }
}
