import { describe, expect, it } from 'vitest'
import { homeTiles, PLANNED_TILES } from './data'
import { moduleRoutes } from '../../router/routes'

const routes = [
  { path: '/', meta: {} },
  { path: '/checkup', meta: { home: { key: 'checkup', titleKey: 'h5.module.checkup', icon: 'x', order: 20, permission: 'checkup:capture' } } },
  { path: '/ballot', meta: { home: { key: 'ballot', titleKey: 'h5.module.ballot', icon: 'y', order: 30 } } },
  { path: '/checkup/:id', meta: {} },
]

describe('the H5 home tiles', () => {
  it('lists built functions the user may open, in order, with their paths', () => {
    const { available } = homeTiles(routes, (p) => p === 'checkup:capture')
    expect(available.map((t) => [t.key, t.to])).toEqual([
      ['checkup', '/checkup'],
      ['ballot', '/ballot'],
    ])
  })

  it('leaves out a function the user lacks the permission for, without calling it "coming"', () => {
    const { available, coming } = homeTiles(routes, () => false)
    expect(available.map((t) => t.key)).toEqual(['ballot'])
    expect(coming.map((t) => t.key)).not.toContain('checkup')
  })

  it('shows only the steps not built yet as coming, and a route with a planned key replaces it', () => {
    expect(homeTiles(routes, () => true).coming.map((t) => t.key)).toEqual(['project', 'construction', 'supervision', 'stewardship'])
    const withProject = [...routes, { path: '/projects', meta: { home: { key: 'project', titleKey: 'p', icon: 'z', order: 40 } } }]
    const tiles = homeTiles(withProject, () => true)
    expect(tiles.coming.map((t) => t.key)).toEqual(['construction', 'supervision', 'stewardship'])
    expect(tiles.available.map((t) => t.key)).toEqual(['checkup', 'ballot', 'project'])
    expect(tiles.coming.every((t) => t.to === undefined)).toBe(true)
  })

  it('the real route modules: check-up capture and voting are built, for a grid worker', () => {
    const real = moduleRoutes.map((r) => ({ path: r.path, meta: r.meta ?? {} }))
    const grid = homeTiles(real, (p) => ['checkup:read', 'checkup:capture'].includes(p))
    expect(grid.available.map((t) => [t.key, t.to])).toEqual([
      ['checkup', '/checkup'],
      ['ballot', '/ballot'],
    ])
    // The contractor's progress report (construction) and the supervisor's inspection
    // (supervision) are built: a user without their permission neither has them nor sees them coming.
    expect(grid.coming.map((t) => t.key)).toEqual(PLANNED_TILES.map((t) => t.key).filter((k) => k !== 'construction' && k !== 'supervision'))
  })

  it('the real route modules: a supervisor has the inspection tile', () => {
    const real = moduleRoutes.map((r) => ({ path: r.path, meta: r.meta ?? {} }))
    const supervisor = homeTiles(real, (p) => ['supervision:read', 'supervision:inspect'].includes(p))
    expect(supervisor.available.map((t) => [t.key, t.to])).toEqual([
      ['ballot', '/ballot'],
      ['supervision', '/supervision'],
    ])
  })
})
