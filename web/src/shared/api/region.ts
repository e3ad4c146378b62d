import { http } from './client'
import type { Region, RegionDetail } from './types'

/** Children of `parent`, or the provinces when `parent` is empty. */
export async function listRegions(parent?: string): Promise<Region[]> {
  const result = await http.get<{ items: Region[] }>('/regions', { parent })
  return result.items
}

/** One region with its path, root first. */
export function getRegion(code: string): Promise<RegionDetail> {
  return http.get<RegionDetail>(`/regions/${encodeURIComponent(code)}`)
}

/** Adds a grid (网格) under a 12-digit community. */
export function createGrid(communityCode: string, name: string): Promise<Region> {
  return http.post<Region>(`/regions/${encodeURIComponent(communityCode)}/grids`, { name })
}
