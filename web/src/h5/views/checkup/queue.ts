// What the phone keeps for each observation until (and after) the server has it, and the pure
// steps of syncing: which records go in a batch, what is sent for each, how an answer updates
// them. IndexedDB access lives in sync.ts; this file is unit-tested without a browser.
import type { Observation, ObservationInput, Severity, UpsertResult } from '@/shared/api/checkup-types'

export type QueueState = 'pending' | 'synced' | 'error'

export interface QueuedObservation {
  clientId: string
  checkupId: number
  estateId: number
  buildingId: number | null
  dwellingId: number | null
  indicator: string
  criterion: string
  present: boolean
  /** Decimal string with at most two decimals, or null. */
  value: string | null
  condition: boolean
  note: string
  /** Photos already on the server. */
  photoIds: number[]
  /** Photos still on the phone (keys of the `photos` store), uploaded before the batch. */
  photoKeys: string[]
  lat: number | null
  lng: number | null
  observedAt: string
  /** The local grade until synced, then the server's. */
  severity: Severity | null
  state: QueueState
  error: string
  serverId: number | null
  /** Local change counter: a record edited while its batch was in flight stays pending. */
  rev: number
}

export interface QueuedPhoto {
  key: string
  clientId: string
  checkupId: number
  blob: Blob
  name: string
  photoId: number | null
}

/** Where an observation was made: the estate, a building, or a dwelling of a building. */
export function objectKey(o: Pick<QueuedObservation, 'estateId' | 'buildingId' | 'dwellingId'>): string {
  if (o.dwellingId) return `d:${o.dwellingId}`
  if (o.buildingId) return `b:${o.buildingId}`
  return `e:${o.estateId}`
}

export function recordKey(o: Pick<QueuedObservation, 'estateId' | 'buildingId' | 'dwellingId' | 'criterion'>): string {
  return `${objectKey(o)}/${o.criterion}`
}

/** The request row of a queued observation, with the ids of its uploaded photos. */
export function toInput(o: QueuedObservation, uploaded: number[] = []): ObservationInput {
  const row: ObservationInput = {
    clientId: o.clientId,
    estateId: o.estateId,
    indicator: o.indicator,
    criterion: o.criterion,
    present: o.present,
    condition: o.condition,
    note: o.note,
    photoIds: [...o.photoIds, ...uploaded],
    observedAt: o.observedAt,
  }
  if (o.buildingId) row.buildingId = o.buildingId
  if (o.dwellingId) row.dwellingId = o.dwellingId
  if (o.value !== null) row.value = o.value
  if (o.lat !== null && o.lng !== null) {
    row.lat = o.lat
    row.lng = o.lng
  }
  return row
}

/** Pending records grouped by campaign, in batches of at most `size`. */
export function batches(records: QueuedObservation[], size = 50): { checkupId: number; rows: QueuedObservation[] }[] {
  const byCampaign = new Map<number, QueuedObservation[]>()
  for (const r of records) {
    if (r.state !== 'pending') continue
    const list = byCampaign.get(r.checkupId) ?? []
    list.push(r)
    byCampaign.set(r.checkupId, list)
  }
  const out: { checkupId: number; rows: QueuedObservation[] }[] = []
  for (const [checkupId, rows] of byCampaign) {
    for (let i = 0; i < rows.length; i += size) out.push({ checkupId, rows: rows.slice(i, i + size) })
  }
  return out
}

/** The records as the server answered: synced, with its id and grade, photos now by id. */
export function applyResult(sent: { record: QueuedObservation; photoIds: number[] }[], result: UpsertResult): QueuedObservation[] {
  const byClient = new Map(result.results.map((r) => [r.clientId, r]))
  return sent.map(({ record, photoIds }) => {
    const r = byClient.get(record.clientId)
    if (!r) return record
    return { ...record, state: 'synced', error: '', serverId: r.id, severity: r.severity, photoIds, photoKeys: [] }
  })
}

/** A server observation as a synced local record (to edit it from the phone). */
export function fromServer(checkupId: number, o: Observation): QueuedObservation {
  return {
    clientId: o.clientId,
    checkupId,
    estateId: o.estateId,
    buildingId: o.buildingId,
    dwellingId: o.dwellingId,
    indicator: o.indicator,
    criterion: o.criterion,
    present: o.present,
    value: o.value === null ? null : String(o.value),
    condition: o.condition,
    note: o.note,
    photoIds: o.photoIds,
    photoKeys: [],
    lat: o.lat,
    lng: o.lng,
    observedAt: o.observedAt,
    severity: o.severity,
    state: 'synced',
    error: '',
    serverId: o.id,
    rev: 0,
  }
}

/** Delay before the n-th retry (n from 0): 2 s, 4 s, 8 s … capped at 60 s. */
export function backoffMs(attempt: number): number {
  return Math.min(60_000, 2000 * 2 ** Math.max(0, attempt))
}

/** A v4 UUID (crypto.randomUUID where available, e.g. not on plain-http pages of old browsers). */
export function newClientId(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = new Uint8Array(16)
  crypto.getRandomValues(b)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
