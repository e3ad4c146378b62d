// The contractor's report queue on the phone: every report is written to IndexedDB first (with
// its photo), then sent whenever the phone is online: the photo (POST …/progress/photos), then
// the report with its clientId (POST …/progress; the same clientId again answers the first
// report, so a resend after a lost answer stores nothing twice). Refusals of the report itself
// mark it failed; network trouble retries with backoff, and `online` retries at once. The pages'
// data (projects, steps) is kept offline by the check-up app's cache (checkup/data.ts `cached`).
import { reactive, toRaw } from 'vue'
import { isApiError } from '@/shared/api/client'
import { reportProgress, uploadProgressPhoto } from '@/shared/api/construction/progress'
import { counts, failed, isPermanent, prune, synced, toBody, toSend, type QueuedReport } from './queue'
import { backoffMs } from '../checkup/queue'

const DB_NAME = 'hx-construction'

export const queueState = reactive({
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  syncing: false,
  pending: 0,
  failed: 0,
  /** Bumped whenever the queue changes, so the page reloads its list. */
  version: 0,
})

// ---- IndexedDB: `reports` by clientId ----------------------------------------------------------

let dbPromise: Promise<IDBDatabase> | null = null

function db(): Promise<IDBDatabase> {
  dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1)
    open.onupgradeneeded = () => {
      open.result.createObjectStore('reports', { keyPath: 'clientId' })
    }
    open.onsuccess = () => resolve(open.result)
    open.onerror = () => {
      dbPromise = null
      reject(open.error)
    }
  })
  return dbPromise
}

async function run<T>(store: 'reports', mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
  const tx = (await db()).transaction(store, mode)
  const request = work(tx.objectStore(store))
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve(request ? request.result : undefined)
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

export async function allReports(): Promise<QueuedReport[]> {
  return ((await run<QueuedReport[]>('reports', 'readonly', (s) => s.getAll() as IDBRequest<QueuedReport[]>)) ?? []).sort((a, b) => b.createdAt - a.createdAt)
}

async function putReport(r: QueuedReport): Promise<void> {
  await run('reports', 'readwrite', (s) => void s.put(toRaw(r)))
}

// ---- sending ----------------------------------------------------------------------------------

let started = false
let tail: Promise<void> = Promise.resolve()
let queued = false
let attempt = 0
let timer: ReturnType<typeof setTimeout> | null = null

async function refresh(): Promise<void> {
  const all = await allReports()
  Object.assign(queueState, counts(all))
  queueState.version++
}

export function startQueue(): void {
  if (!started) {
    started = true
    window.addEventListener('online', () => {
      queueState.online = true
      attempt = 0
      kick()
    })
    window.addEventListener('offline', () => (queueState.online = false))
  }
  void refresh().then(kick)
}

/** Sends now, or once more right after the run in flight (runs never overlap). */
export function kick(): void {
  if (timer) clearTimeout(timer)
  timer = null
  if (queued) return
  queued = true
  tail = tail
    .then(() => {
      queued = false
      return sendAll()
    })
    .catch(() => undefined)
}

function retryLater(delay: number) {
  timer = setTimeout(() => {
    timer = null
    kick()
  }, delay)
}

async function sendAll(): Promise<void> {
  queueState.online = navigator.onLine
  const work = toSend(await allReports())
  if (!work.length) return
  if (!navigator.onLine) {
    retryLater(5000) // the `online` event restarts it; poll for browsers that miss it
    return
  }
  queueState.syncing = true
  try {
    for (const r of work) await sendOne(r)
    attempt = 0
  } catch (e) {
    if (!(isApiError(e) && e.status === 401)) retryLater(backoffMs(attempt++))
  } finally {
    queueState.syncing = false
    const all = await allReports()
    for (const id of prune(all)) await run('reports', 'readwrite', (s) => void s.delete(id))
    await refresh()
  }
}

async function sendOne(record: QueuedReport): Promise<void> {
  let r = record
  try {
    if (r.photo && r.photoFileId === null) {
      const stored = await uploadProgressPhoto(r.projectId, r.photo.blob, r.photo.name, { silent: true })
      r = { ...r, photoFileId: stored.id }
      await putReport(r)
    }
    const answer = await reportProgress(r.projectId, toBody(r), { silent: true })
    await putReport(synced(r, answer))
  } catch (e) {
    if (isApiError(e) && isPermanent(e.status)) {
      await putReport(failed(r, [e.message, e.detail].filter(Boolean).join('：')))
      return
    }
    throw e
  }
}

/** Saves a report on the phone and starts sending. */
export async function enqueue(r: QueuedReport): Promise<void> {
  await putReport(r)
  await refresh()
  kick()
}

/** Failed reports back to pending, and send. */
export async function retryFailed(): Promise<void> {
  for (const r of await allReports()) if (r.state === 'error') await putReport({ ...r, state: 'pending', error: '' })
  attempt = 0
  await refresh()
  kick()
}
