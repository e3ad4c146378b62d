import type { Region } from '@/shared/api/types'

/** A row of the lazy region tree table. */
export interface RegionRow extends Region {
  children?: RegionRow[]
}

export function toRows(regions: Region[]): RegionRow[] {
  return regions.map((r) => ({ ...r }))
}

/** Grids hang under 12-digit communities only (docs/api-contract-foundation.md). */
export function canHoldGrids(row: Region): boolean {
  return row.level === 'community'
}
