// The campaign data the capture needs, cached in IndexedDB so the pages work offline: asked
// from the server when online (and stored), read from the cache when offline or unreachable.
import { isApiError } from '@/shared/api/client'
import { getCampaign, getIndicators, listCampaigns, listCaptureBuildings, listCaptureDwellings, listObservations } from '@/shared/api/checkup'
import type { Campaign, CampaignEstate, Catalog } from '@/shared/api/checkup-types'
import type { Building, Dwelling } from '@/shared/api/register/types'
import { session } from '@/shared/auth/session'
import { cacheEntry, cacheGet, cacheSet } from './idb'
import { mergeServer } from './sync'

export interface Loaded<T> {
  value: T
  /** True when the value came from the phone's cache (offline). */
  fromCache: boolean
}

export class NotCachedError extends Error {
  constructor(key: string) {
    super(`not cached: ${key}`)
    this.name = 'NotCachedError'
  }
}

export async function cached<T>(key: string, fetch: () => Promise<T>): Promise<Loaded<T>> {
  if (navigator.onLine) {
    try {
      const value = await fetch()
      await cacheSet(key, value)
      return { value, fromCache: false }
    } catch (e) {
      // The server could not be reached (shown once by the client): fall back to the cache.
      if (!isApiError(e) || e.status !== 0) throw e
    }
  }
  const value = await cacheGet<T>(key)
  if (value === undefined) throw new NotCachedError(key)
  return { value, fromCache: true }
}

/** Who the cached data belongs to: the logged-in user, or the last one on this phone. */
export async function currentUserId(): Promise<number | null> {
  if (session.user) {
    await cacheSet('me', session.user.id)
    return session.user.id
  }
  return (await cacheGet<number>('me')) ?? null
}

/** The estates of a campaign assigned to a user. */
export function assignedEstates(c: Campaign, userId: number | null): CampaignEstate[] {
  return c.estates.filter((e) => userId !== null && e.assignee?.id === userId)
}

export async function loadCampaigns(): Promise<Loaded<Campaign[]>> {
  const userId = await currentUserId()
  const key = `campaigns:${userId}`
  const loaded = await cached(key, async () => (await listCampaigns({ page: 1, pageSize: 100 })).items)
  if (loaded.fromCache) {
    // A campaign opened (or submitted) since the list was stored is newer in its own entry.
    const listSavedAt = (await cacheEntry(key))?.savedAt ?? 0
    const fresher = await Promise.all(loaded.value.map((c) => cacheEntry<Campaign>(`campaign:${c.id}`)))
    loaded.value = loaded.value.map((c, i) => {
      const f = fresher[i]
      return f && f.savedAt > listSavedAt ? f.value : c
    })
  }
  return loaded
}

export function loadCampaign(id: number): Promise<Loaded<Campaign>> {
  return cached(`campaign:${id}`, () => getCampaign(id))
}

export function loadCatalog(catalogId: number): Promise<Loaded<Catalog>> {
  return cached(`catalog:${catalogId}`, () => getIndicators(catalogId))
}

export function loadBuildings(estateId: number): Promise<Loaded<Building[]>> {
  return cached(`buildings:${estateId}`, () => listCaptureBuildings(estateId))
}

export function loadDwellings(buildingId: number): Promise<Loaded<Dwelling[]>> {
  return cached(`dwellings:${buildingId}`, () => listCaptureDwellings(buildingId))
}

/** Brings the server's observations of an estate into the local records (online only). */
export async function pullObservations(checkupId: number, estateId: number): Promise<void> {
  if (!navigator.onLine) return
  try {
    await mergeServer(checkupId, await listObservations(checkupId, estateId, { silent: true }))
  } catch {
    // offline or refused: the local records stay as they are
  }
}

/**
 * Stores everything an assigned estate needs offline: the campaign's catalogue, the buildings
 * and their dwellings, and the observations already on the server.
 */
export async function prefetchEstate(campaign: Campaign, estateId: number): Promise<void> {
  if (!navigator.onLine) return
  await cacheSet(`campaign:${campaign.id}`, campaign)
  await loadCatalog(campaign.catalogId)
  const { value: buildings } = await loadBuildings(estateId)
  await Promise.all(buildings.map((b) => loadDwellings(b.id)))
  await pullObservations(campaign.id, estateId)
}
