// A phone outbox: every record is written to IndexedDB first (with its photos), then sent
// whenever the phone is online by the owner's `send` (photos first, then the record with its
// clientId: the same clientId again answers the first record, so a resend after a lost answer
// stores nothing twice). Refusals of the record itself mark it failed; network trouble retries
// with the check-up app's backoff, and `online` retries at once. One outbox per database.
import { reactive, toRaw } from 'vue'
import { isApiError } from '@/shared/api/client'
import { counts, failed, isPermanent, prune, toSend, type OutboxRecord } from './outbox'
import { backoffMs } from '../views/checkup/queue'

export interface OutboxState {
  online: boolean
  syncing: boolean
  pending: number
  failed: number
  /** Bumped whenever the outbox changes, so pages reload their lists. */
  version: number
}

export interface Outbox<R extends OutboxRecord> {
  state: OutboxState
  /** Every record, newest first. */
  all(): Promise<R[]>
  /** Listens to online/offline once and sends what waits. */
  start(): void
  /** Sends now, or once more right after the run in flight (runs never overlap). */
  kick(): void
  /** Saves a record on the phone and starts sending. */
  enqueue(r: R): Promise<void>
  /** Failed records back to pending, and send. */
  retryFailed(): Promise<void>
}

export interface OutboxOptions<R extends OutboxRecord> {
  dbName: string
  /** The object store (keyPath `clientId`). */
  store: string
  /**
   * Sends one record and answers it synced; `save` keeps a step done on the way (an uploaded
   * photo's id) so a retry does not do it again. Throws the API's error on a refusal.
   */
  send: (r: R, save: (r: R) => Promise<void>) => Promise<R>
}

export function createOutbox<R extends OutboxRecord>(options: OutboxOptions<R>): Outbox<R> {
  const state = reactive<OutboxState>({
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    syncing: false,
    pending: 0,
    failed: 0,
    version: 0,
  })

  let dbPromise: Promise<IDBDatabase> | null = null
  function db(): Promise<IDBDatabase> {
    dbPromise ??= new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(options.dbName, 1)
      open.onupgradeneeded = () => {
        open.result.createObjectStore(options.store, { keyPath: 'clientId' })
      }
      open.onsuccess = () => resolve(open.result)
      open.onerror = () => {
        dbPromise = null
        reject(open.error)
      }
    })
    return dbPromise
  }

  async function run<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T> | void): Promise<T | undefined> {
    const tx = (await db()).transaction(options.store, mode)
    const request = work(tx.objectStore(options.store))
    return new Promise((resolve, reject) => {
      tx.oncomplete = () => resolve(request ? request.result : undefined)
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error)
    })
  }

  async function all(): Promise<R[]> {
    return ((await run<R[]>('readonly', (s) => s.getAll() as IDBRequest<R[]>)) ?? []).sort((a, b) => b.createdAt - a.createdAt)
  }

  async function put(r: R): Promise<void> {
    await run('readwrite', (s) => void s.put(toRaw(r)))
  }

  let started = false
  let tail: Promise<void> = Promise.resolve()
  let queued = false
  let attempt = 0
  let timer: ReturnType<typeof setTimeout> | null = null

  async function refresh(): Promise<void> {
    Object.assign(state, counts(await all()))
    state.version++
  }

  function start(): void {
    if (!started) {
      started = true
      window.addEventListener('online', () => {
        state.online = true
        attempt = 0
        kick()
      })
      window.addEventListener('offline', () => (state.online = false))
    }
    void refresh().then(kick)
  }

  function kick(): void {
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
    state.online = navigator.onLine
    const work = toSend(await all())
    if (!work.length) return
    if (!navigator.onLine) {
      retryLater(5000) // the `online` event restarts it; poll for browsers that miss it
      return
    }
    state.syncing = true
    try {
      for (const r of work) await sendOne(r)
      attempt = 0
    } catch (e) {
      if (!(isApiError(e) && e.status === 401)) retryLater(backoffMs(attempt++))
    } finally {
      state.syncing = false
      for (const id of prune(await all())) await run('readwrite', (s) => void s.delete(id))
      await refresh()
    }
  }

  async function sendOne(record: R): Promise<void> {
    let latest = record
    const save = async (r: R) => {
      latest = r
      await put(r)
    }
    try {
      await put(await options.send(record, save))
    } catch (e) {
      if (isApiError(e) && isPermanent(e.status)) {
        await put(failed(latest, [e.message, e.detail].filter(Boolean).join('：')))
        return
      }
      throw e
    }
  }

  async function enqueue(r: R): Promise<void> {
    await put(r)
    await refresh()
    kick()
  }

  async function retryFailed(): Promise<void> {
    for (const r of await all()) if (r.state === 'error') await put({ ...r, state: 'pending', error: '' })
    attempt = 0
    await refresh()
    kick()
  }

  return { state, all, start, kick, enqueue, retryFailed }
}
