// The H5 home's tiles. Built functions come from the route records' meta.home (one module per
// context under router/routes/modules/), filtered by the user's permissions; the programme steps
// not built yet are listed here as "coming soon" until a route brings a tile with the same key.
import type { RouteMeta } from 'vue-router'
import type { H5HomeTile } from '../../router'

export interface HomeTile extends H5HomeTile {
  /** Path the tile opens; absent for a step not built yet. */
  to?: string
}

/** Steps of the programme without H5 pages yet (ARCHITECTURE.md, first paragraph). */
export const PLANNED_TILES: H5HomeTile[] = [
  { key: 'project', titleKey: 'h5.module.project', icon: 'balance-o', order: 40 },
  { key: 'construction', titleKey: 'h5.module.construction', icon: 'setting-o', order: 50 },
  { key: 'supervision', titleKey: 'h5.module.supervision', icon: 'eye-o', order: 60 },
  { key: 'stewardship', titleKey: 'h5.module.stewardship', icon: 'shield-o', order: 70 },
]

/**
 * The tiles for a user: `available` — every route with meta.home the user may open, in order;
 * `coming` — the planned steps no route provides yet (whatever the user's permissions: a built
 * function the user may not use is not "coming").
 */
export function homeTiles(
  routes: ReadonlyArray<{ path: string; meta: RouteMeta }>,
  can: (permission: string) => boolean,
  planned: H5HomeTile[] = PLANNED_TILES,
): { available: HomeTile[]; coming: HomeTile[] } {
  const built = routes.filter((r) => r.meta.home).map((r) => ({ ...r.meta.home!, to: r.path }))
  const keys = new Set(built.map((t) => t.key))
  const byOrder = (a: H5HomeTile, b: H5HomeTile) => a.order - b.order
  return {
    available: built.filter((t) => !t.permission || can(t.permission)).sort(byOrder),
    coming: planned.filter((t) => !keys.has(t.key)).sort(byOrder),
  }
}
