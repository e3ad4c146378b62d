import { describe, expect, it, vi } from 'vitest'
import { blankEstate, buildTree, emptyFilters, estateChanges, filterQuery, householdProblem, householdText, isCommunityCode } from './estate/data'
import { jobOutcome, outcomeOf, percent, phaseKey } from './import/data'
import type { Building, Dwelling, Estate } from '@/shared/api/register/types'

// The real i18n module needs a browser (it sets <html lang>); the rules here only need keys.
vi.mock('@/shared/i18n', () => ({ t: (key: string) => key }))

function building(id: number, number: string, stairwells: number): Building {
  return { id, estateId: 1, number, floors: 6, stairwells, structure: 'brick_concrete', builtYear: 1995, hasLift: false, heating: 'none', createdAt: '', updatedAt: '' }
}

function dwelling(id: number, buildingId: number, stairwell: number, floor: number, room: string): Dwelling {
  return {
    id, buildingId, buildingNumber: String(buildingId), estateId: 1, stairwell, floor, room,
    exclusiveArea: 80, areaSource: 'registered', use: 'residential', saleStatus: 'sold', owners: [], household: null, createdAt: '', updatedAt: '',
  }
}

describe('building → stairwell → dwelling tree', () => {
  it('sorts buildings by number, lists every stairwell, and orders rooms by floor then room', () => {
    const tree = buildTree(
      [building(2, '10', 1), building(1, '2', 2)],
      [dwelling(1, 1, 1, 3, '302'), dwelling(2, 1, 1, 3, '301'), dwelling(3, 1, 1, 1, '101'), dwelling(4, 2, 3, 2, '201')],
    )
    expect(tree.map((n) => n.building.number)).toEqual(['2', '10'])
    expect(tree[0].stairwells.map((s) => s.stairwell)).toEqual([1, 2])
    expect(tree[0].stairwells[0].dwellings.map((d) => d.room)).toEqual(['101', '301', '302'])
    expect(tree[0].stairwells[1].dwellings).toEqual([])
    // A dwelling in a stairwell beyond the building's count still shows.
    expect(tree[1].stairwells.map((s) => s.stairwell)).toEqual([1, 3])
    expect(tree[1].dwellingCount).toBe(1)
  })
})

describe('estate form and filters', () => {
  it('sends only the changed fields', () => {
    const before: Estate = {
      ...blankEstate(), id: 1, regionCode: '360104002001', regionName: '洪翔社区', name: '洪都小区', address: 'a', builtYear: 1995,
      landArea: 100, eligibility: { verdict: 'eligible', reasons: [] }, createdAt: '', updatedAt: '',
    }
    const form = { ...blankEstate(), ...before, exclusions: { ...before.exclusions, urbanVillage: true }, landArea: null }
    expect(estateChanges(before, form)).toEqual({
      landArea: null,
      exclusions: { selfBuiltArea: false, urbanVillage: true, demolitionPlanned: false, renovatedRecently: false },
    })
  })

  it('drops empty filters', () => {
    expect(filterQuery({ ...emptyFilters(), q: ' 洪都 ', builtTo: 2000, eligibility: 'eligible' })).toEqual({
      q: '洪都', regionCode: undefined, builtFrom: undefined, builtTo: 2000, status: undefined, eligibility: 'eligible',
    })
  })

  it('wants a 12-digit community', () => {
    expect(isCommunityCode('360104002001')).toBe(true)
    expect(isCommunityCode('360104002')).toBe(false)
    expect(isCommunityCode('360104002001001')).toBe(false)
  })
})

describe('import outcomes', () => {
  const rowErrors = [{ row: 2, column: '专有部分面积(㎡)', value: '85.371', message: '最多两位小数' }]
  const counts = { created: 3, updated: 0, unchanged: 0, rows: 4, buildingsCreated: 1, ownersCreated: 3 }

  it('maps 200, 422 and other failures', () => {
    expect(outcomeOf({ ...counts, errors: [] }).stage).toBe('done')
    expect(outcomeOf({ ...counts, errors: rowErrors, error: { reason: 'import.invalid_rows', message: 'x' } }).stage).toBe('errors')
    expect(outcomeOf({ error: { reason: 'import.empty', message: '文件中没有数据' } })).toEqual({
      stage: 'failed', failure: { message: '文件中没有数据', detail: undefined, hint: undefined },
    })
    expect(outcomeOf(null)).toEqual({ stage: 'failed', failure: null })
  })

  it('waits while a job runs and reads its result when finished', () => {
    const job = { id: 1, kind: 'register.import', phase: 1, done: 5, total: 10, createdAt: '', updatedAt: '' }
    expect(jobOutcome({ ...job, state: 'running', result: null })).toBeNull()
    expect(jobOutcome({ ...job, state: 'failed', result: { ...counts, errors: rowErrors } })?.stage).toBe('errors')
    expect(jobOutcome({ ...job, state: 'succeeded', result: { ...counts, errors: [] } })?.stage).toBe('done')
  })

  it('shows the phase and fills a third of the bar per phase', () => {
    expect(phaseKey({ state: 'queued', phase: 0 })).toBe('register.import.queued')
    expect(phaseKey({ state: 'running', phase: 2 })).toBe('register.import.phaseWriting')
    expect(percent({ state: 'running', phase: 1, done: 5, total: 10 })).toBe(50)
    expect(percent({ state: 'running', phase: 0, done: 0, total: 0 })).toBe(0)
    expect(percent({ state: 'succeeded', phase: 0, done: 2, total: 2 })).toBe(100)
  })
})

describe('households', () => {
  const occupancy = (code: string) => `occ:${code}`
  it('reads as residents · aged 60+ · (disabled) · occupancy, or a dash', () => {
    const h = { residents: 3, aged60Plus: 2, disabled: 0, occupancy: 'owner_occupied' as const, updatedAt: '' }
    expect(householdText(h, occupancy)).toBe('register.household.residentsPart · register.household.aged60PlusPart · occ:owner_occupied')
    expect(householdText({ ...h, disabled: 1 }, occupancy).split(' · ')).toHaveLength(4)
    expect(householdText({ ...h, residents: 0, aged60Plus: 0, occupancy: 'vacant' }, occupancy)).toBe('occ:vacant')
    expect(householdText(null, occupancy)).toBe('common.empty')
  })
  it('checks what the server refuses', () => {
    const h = { residents: 2, aged60Plus: 3, disabled: 2, occupancy: 'rented' as const }
    expect(householdProblem(h, 'aged60Plus')).toBe('register.household.notMoreThanResidents')
    expect(householdProblem(h, 'disabled')).toBeNull()
    expect(householdProblem(h, 'residents')).toBeNull()
    expect(householdProblem({ ...h, occupancy: 'vacant' }, 'residents')).toBe('register.household.vacantHasResidents')
  })
})
