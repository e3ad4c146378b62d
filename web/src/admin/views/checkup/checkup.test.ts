import { describe, expect, it } from 'vitest'
import { defaultRollupRegion, draftRule, emptyCriterion, emptyIndicator, groupIndicators, rollupTitleKey, scopeCovers, statusCounts, toIndicatorInput } from './data'
import type { Indicator } from '@/shared/api/checkup-types'

const ind = (code: string, level: Indicator['level'], subDimension: string): Indicator => ({
  code, name: code, level, subDimension, problemUnit: '栋', sumsValues: false, local: false, criteria: [],
})

describe('check-up admin data', () => {
  it('groups indicators by housing/estate and sub-dimension', () => {
    const groups = groupIndicators([ind('C10', 'estate', '设施完善'), ind('H01', 'building', '安全耐久'), ind('H05', 'dwelling', '功能完备'), ind('H02', 'building', '安全耐久')])
    expect(groups.map((g) => g.key)).toEqual(['housing/安全耐久', 'housing/功能完备', 'estate/设施完善'])
    expect(groups[0].indicators.map((i) => i.code)).toEqual(['H01', 'H02'])
  })

  it('builds a bands rule with the open last band', () => {
    const c = { ...emptyCriterion('L01.a'), ruleType: 'bands' as const, unit: 'm2' }
    c.bands = [{ upTo: '10', inclusive: false, severity: 'hazard' }, { upTo: ' 30 ', inclusive: true, severity: 'larger_hazard' }]
    c.lastSeverity = 'severe'
    expect(draftRule(c)).toEqual({
      type: 'bands',
      bands: [
        { upTo: '10', inclusive: false, severity: 'hazard' },
        { upTo: '30', inclusive: true, severity: 'larger_hazard' },
        { severity: 'severe' },
      ],
    })
  })

  it('sends a local indicator without a unit on flag criteria', () => {
    const d = emptyIndicator()
    Object.assign(d, { code: ' L01 ', nameZh: '屋面防水', level: 'building' })
    Object.assign(d.criteria[0], { code: 'L01.leak', nameZh: '渗漏', unit: 'm2' })
    const body = toIndicatorInput(d)
    expect(body.code).toBe('L01')
    expect(body.criteria[0]).toEqual({ code: 'L01.leak', nameZh: '渗漏', rule: { type: 'flag', severity: 'hazard' }, suggestedItems: [] })
  })

  it('counts estates by status and checks scopes', () => {
    expect(statusCounts({ estates: [{ status: 'draft' }, { status: 'approved' }, { status: 'draft' }] as never })).toEqual({ draft: 2, approved: 1 })
    expect(scopeCovers('360104002001', '360104002001')).toBe(true)
    expect(scopeCovers('', '360104002001')).toBe(true)
    expect(scopeCovers('360104002002', '360104002001')).toBe(false)
  })

  // Issue #11: a street office opening the problem list was asked for its county's roll-up.
  it('opens the roll-up on the user\'s own scope, the campaign\'s county only for wider scopes', () => {
    expect(defaultRollupRegion('360104002', '360104002')).toBe('360104002')
    expect(defaultRollupRegion('360104002001', '360104002')).toBe('360104002001')
    expect(defaultRollupRegion('360104', '360104002')).toBe('360104')
    expect(defaultRollupRegion('', '360104002')).toBe('360104')
    expect(defaultRollupRegion('3601', '360104002')).toBe('360104')
    expect(defaultRollupRegion('', null)).toBe('')
    expect(defaultRollupRegion('3601', undefined)).toBe('3601')
    expect(defaultRollupRegion('3602', '360104002')).toBe('3602')
  })

  it('names the roll-up by the level it counts', () => {
    expect(rollupTitleKey('360104')).toBe('checkup.problem.byStreet')
    expect(rollupTitleKey('360104002')).toBe('checkup.problem.byCommunity')
    expect(rollupTitleKey('360104002001')).toBe('checkup.problem.byChild')
    expect(rollupTitleKey('3601')).toBe('checkup.problem.byChild')
  })
})
