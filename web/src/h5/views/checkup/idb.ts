// A small promise wrapper over IndexedDB for the check-up capture: the observation queue
// (`obs`, by clientId), the photos waiting to upload (`photos`, blobs), and a key/value cache
// of the campaign data the phone needs offline (`cache`).
import { toRaw } from 'vue'

export const DB_NAME = 'hx-checkup'
const DB_VERSION = 1

export type StoreName = 'obs' | 'photos' | 'cache'

let dbPromise: Promise<IDBDatabase> | null = null

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
}

export function openDb(): Promise<IDBDatabase> {
  if (dbPromise) return dbPromise
  dbPromise = new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, DB_VERSION)
    open.onupgradeneeded = () => {
      const db = open.result
      if (!db.objectStoreNames.contains('obs')) {
        const obs = db.createObjectStore('obs', { keyPath: 'clientId' })
        obs.createIndex('byEstate', ['checkupId', 'estateId'])
        obs.createIndex('byState', 'state')
      }
      if (!db.objectStoreNames.contains('photos')) {
        const photos = db.createObjectStore('photos', { keyPath: 'key' })
        photos.createIndex('byClient', 'clientId')
      }
      if (!db.objectStoreNames.contains('cache')) db.createObjectStore('cache', { keyPath: 'key' })
    }
    open.onsuccess = () => {
      const db = open.result
      // Another tab upgrading the schema: let it, and reopen next time.
      db.onversionchange = () => {
        db.close()
        dbPromise = null
      }
      resolve(db)
    }
    open.onerror = () => {
      dbPromise = null
      reject(open.error)
    }
  })
  return dbPromise
}

async function store(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await openDb()).transaction(name, mode).objectStore(name)
}

export async function get<T>(name: StoreName, key: IDBValidKey): Promise<T | undefined> {
  return req((await store(name, 'readonly')).get(key)) as Promise<T | undefined>
}

export async function getAll<T>(name: StoreName): Promise<T[]> {
  return req((await store(name, 'readonly')).getAll()) as Promise<T[]>
}

export async function getAllBy<T>(name: StoreName, index: string, key: IDBValidKey): Promise<T[]> {
  return req((await store(name, 'readonly')).index(index).getAll(key)) as Promise<T[]>
}

/** Writes several records in one transaction (all or nothing). */
export async function putAll(name: StoreName, values: unknown[]): Promise<void> {
  const tx = (await openDb()).transaction(name, 'readwrite')
  const s = tx.objectStore(name)
  // Structured clone refuses Vue proxies: store the objects behind them.
  for (const v of values) s.put(toRaw(v))
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
}

export async function put(name: StoreName, value: unknown): Promise<void> {
  await putAll(name, [value])
}

export async function del(name: StoreName, keys: IDBValidKey[]): Promise<void> {
  if (!keys.length) return
  const tx = (await openDb()).transaction(name, 'readwrite')
  const s = tx.objectStore(name)
  for (const k of keys) s.delete(k)
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
  })
}

// ---- the cache ------------------------------------------------------------------------------

interface CacheEntry<T> {
  key: string
  value: T
  savedAt: number
}

export async function cacheGet<T>(key: string): Promise<T | undefined> {
  return (await get<CacheEntry<T>>('cache', key))?.value
}

/** The cached value with the time it was stored (ms since epoch). */
export async function cacheEntry<T>(key: string): Promise<{ value: T; savedAt: number } | undefined> {
  return get<CacheEntry<T>>('cache', key)
}

export async function cacheSet<T>(key: string, value: T): Promise<void> {
  await put('cache', { key, value: toRaw(value), savedAt: Date.now() } satisfies CacheEntry<T>)
}
