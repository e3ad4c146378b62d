// What every phone outbox shares (the contractor's progress reports, the supervisor's
// inspections): records kept on the phone until the server has them, keyed by the `clientId`
// the API accepts for idempotency, and the pure steps of sending them — which go next, what a
// refusal does, which synced ones are forgotten. IndexedDB and the network live in
// outbox-sync.ts; this file is unit-tested without them.

export type OutboxState = 'pending' | 'synced' | 'error'

export interface OutboxRecord {
  /** The idempotency key sent as `clientId`: the server stores a record once however often it is resent. */
  clientId: string
  state: OutboxState
  error: string
  /** ms since epoch, for the order of sending and of the list. */
  createdAt: number
}

/** The pending records, oldest first (so a later record lands after an earlier one). */
export function toSend<R extends OutboxRecord>(all: R[]): R[] {
  return all.filter((r) => r.state === 'pending').sort((a, b) => a.createdAt - b.createdAt || a.clientId.localeCompare(b.clientId))
}

export function failed<R extends OutboxRecord>(r: R, message: string): R {
  return { ...r, state: 'error', error: message }
}

/**
 * Whether a refusal is the record's own fault (it would fail again: mark it failed and go on)
 * rather than the moment's (offline, server down, session expired, too many requests: retry).
 */
export function isPermanent(status: number): boolean {
  return status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429
}

/** Synced records beyond the newest `keep` are forgotten (pending and failed ones never). */
export function prune(all: OutboxRecord[], keep = 30): string[] {
  const done = all.filter((r) => r.state === 'synced').sort((a, b) => b.createdAt - a.createdAt)
  return done.slice(keep).map((r) => r.clientId)
}

/** Counts for the sync bar. */
export function counts(all: OutboxRecord[]): { pending: number; failed: number } {
  return { pending: all.filter((r) => r.state === 'pending').length, failed: all.filter((r) => r.state === 'error').length }
}
