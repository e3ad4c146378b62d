// The phone's observation queue and its sync worker. Every observation is written to IndexedDB
// first (with its photo blobs), then uploaded whenever the phone is online: photos one by one
// (POST /checkups/{id}/photos), then the observations in batches (POST …/observations with the
// photo ids). The server is idempotent by clientId, so a batch resent after a lost answer stores
// nothing twice. Failures retry with backoff; `online` and a new record retry at once.
import { reactive } from 'vue'
import { isApiError } from '@/shared/api/client'
import { uploadPhoto, upsertObservations } from '@/shared/api/checkup'
import type { Observation } from '@/shared/api/checkup-types'
import * as db from './idb'
import { applyResult, backoffMs, batches, fromServer, toInput, type QueuedObservation, type QueuedPhoto } from './queue'

export const syncState = reactive({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: 0,
  failed: 0,
  /** When the next automatic retry runs (ms since epoch), 0 if none is planned. */
  retryAt: 0,
  /** Bumped whenever the queue changes, so pages reload their lists. */
  version: 0,
})

let started = false
let running: Promise<void> | null = null
let again = false
let attempt = 0
let timer: ReturnType<typeof setTimeout> | null = null

async function refreshCounts() {
  const all = await db.getAll<QueuedObservation>('obs')
  syncState.pending = all.filter((o) => o.state === 'pending').length
  syncState.failed = all.filter((o) => o.state === 'error').length
  syncState.version++
}

/** Starts listening to online/offline once, and syncs what is waiting. */
export function startSync(): void {
  if (started) {
    void refreshCounts().then(() => kick())
    return
  }
  started = true
  window.addEventListener('online', () => {
    syncState.online = true
    attempt = 0
    kick()
  })
  window.addEventListener('offline', () => {
    syncState.online = false
  })
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && kick())
  void refreshCounts().then(() => kick())
}

/** Syncs now (or right after the sync in flight). */
export function kick(): void {
  if (timer) {
    clearTimeout(timer)
    timer = null
    syncState.retryAt = 0
  }
  if (running) {
    again = true
    return
  }
  running = (async () => {
    try {
      do {
        again = false
        await syncOnce()
      } while (again)
    } finally {
      running = null
    }
  })()
}

/** Errors (a refused batch) go back to pending and are sent again. */
export async function retryFailed(): Promise<void> {
  const all = await db.getAll<QueuedObservation>('obs')
  const failed = all.filter((o) => o.state === 'error').map((o) => ({ ...o, state: 'pending' as const, error: '' }))
  await db.putAll('obs', failed)
  attempt = 0
  await refreshCounts()
  kick()
}

const OFFLINE_POLL_MS = 5000

function schedule(fixed?: number) {
  const delay = fixed ?? backoffMs(attempt++)
  syncState.retryAt = Date.now() + delay
  timer = setTimeout(() => {
    timer = null
    syncState.retryAt = 0
    kick()
  }, delay)
}

async function syncOnce(): Promise<void> {
  syncState.online = navigator.onLine
  if (!navigator.onLine) {
    // The `online` event restarts the sync; poll too, for browsers that miss it.
    if (syncState.pending) schedule(OFFLINE_POLL_MS)
    return
  }
  const all = await db.getAll<QueuedObservation>('obs')
  const work = batches(all)
  if (!work.length) return
  syncState.syncing = true
  try {
    for (const batch of work) await sendBatch(batch.checkupId, batch.rows)
    attempt = 0
  } catch (e) {
    if (isApiError(e) && e.status === 401) return // the login page takes over
    schedule()
  } finally {
    syncState.syncing = false
    await refreshCounts()
  }
}

async function sendBatch(checkupId: number, rows: QueuedObservation[]): Promise<void> {
  // 1. Photos still on the phone.
  const sent: { record: QueuedObservation; photoIds: number[] }[] = []
  for (const record of rows) {
    const uploaded: number[] = []
    for (const key of record.photoKeys) {
      const photo = await db.get<QueuedPhoto>('photos', key)
      if (!photo) continue
      if (photo.photoId === null) {
        try {
          const stored = await uploadPhoto(checkupId, photo.blob, photo.name, { silent: true })
          photo.photoId = stored.id
          await db.put('photos', photo)
        } catch (e) {
          // A photo the server refuses (too large, not an image) fails its record, not the queue.
          if (isApiError(e) && (e.status === 413 || e.status === 415 || e.status === 422)) {
            await markFailed([record], e.message)
            continue
          }
          throw e
        }
      }
      uploaded.push(photo.photoId)
    }
    sent.push({ record, photoIds: [...record.photoIds, ...uploaded] })
  }
  const ready = sent.filter((s) => s.record.state === 'pending')
  if (!ready.length) return
  // 2. The observations, all or nothing.
  let result
  try {
    result = await upsertObservations(
      checkupId,
      ready.map(({ record, photoIds }) => ({ ...toInput(record), photoIds })),
      { silent: true },
    )
  } catch (e) {
    if (isApiError(e) && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429) {
      await markFailed(ready.map((s) => s.record), [e.message, e.detail].filter(Boolean).join('：'))
      return
    }
    throw e
  }
  // 3. Mark them synced unless edited meanwhile (then the edit goes in the next batch).
  const updated = applyResult(ready, result)
  const current = await Promise.all(updated.map((u) => db.get<QueuedObservation>('obs', u.clientId)))
  const keep = updated.map((u, i) => {
    const now = current[i]
    if (now && now.rev !== u.rev) return { ...now, serverId: u.serverId, photoIds: u.photoIds, photoKeys: now.photoKeys.filter((k) => !ready[i].record.photoKeys.includes(k)) }
    return u
  })
  await db.putAll('obs', keep)
  const done = ready.flatMap((s) => s.record.photoKeys)
  await db.del('photos', done)
}

async function markFailed(records: QueuedObservation[], message: string) {
  await db.putAll(
    'obs',
    records.map((r) => ({ ...r, state: 'error', error: message })),
  )
  for (const r of records) r.state = 'error'
}

// ---- the queue as pages use it ----------------------------------------------------------------

/** Local records of one estate of a campaign (pending, failed and synced). */
export function estateRecords(checkupId: number, estateId: number): Promise<QueuedObservation[]> {
  return db.getAllBy<QueuedObservation>('obs', 'byEstate', [checkupId, estateId])
}

/** Photos of a record still on the phone (to show them before they upload). */
export function recordPhotos(clientId: string): Promise<QueuedPhoto[]> {
  return db.getAllBy<QueuedPhoto>('photos', 'byClient', clientId)
}

/** Saves records (and their new photos) to the queue and starts a sync. */
export async function enqueue(records: QueuedObservation[], photos: QueuedPhoto[]): Promise<void> {
  if (photos.length) await db.putAll('photos', photos)
  await db.putAll('obs', records)
  await refreshCounts()
  kick()
}

/**
 * Takes in what the server has for an estate: records the phone does not know, or knows only
 * as synced, are replaced by the server's; pending or failed local edits win.
 */
export async function mergeServer(checkupId: number, observations: Observation[]): Promise<void> {
  const local = new Map((await db.getAll<QueuedObservation>('obs')).map((o) => [o.clientId, o]))
  const incoming = observations
    .filter((o) => {
      const mine = local.get(o.clientId)
      return !mine || mine.state === 'synced'
    })
    .map((o) => fromServer(checkupId, o))
  if (incoming.length) await db.putAll('obs', incoming)
  syncState.version++
}
