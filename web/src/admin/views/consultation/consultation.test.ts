import { describe, expect, it, vi } from 'vitest'
import {
  agreeRateLabel,
  blankItem,
  canWriteBallots,
  buildingSeries,
  buildingVerdicts,
  choicesBody,
  defaultRoundItems,
  fractionPercent,
  groupCatalog,
  itemFromCatalog,
  itemProblems,
  itemToInput,
  lawKey,
  paperKey,
  paperState,
  parseBallotCode,
  parseFraction,
  passThreshold,
  ruleSummary,
  toQuery,
  emptyFilters,
} from './data'
import type { Tally, TallyItem } from '@/shared/api/consultation-types'

// The real i18n module needs a browser (it sets <html lang>); the rules here only need keys.
vi.mock('@/shared/i18n', () => ({
  t: (key: string, named?: Record<string, unknown>) => (named ? `${key}(${JSON.stringify(named)})` : key),
}))

const count = (n: number) => ({ heads: n, area: n * 80, dwellings: n })

function tallyItem(itemId: number, agreeRate: number, provisional: TallyItem['provisional']): TallyItem {
  return {
    itemId, title: `item ${itemId}`, round: 1, scope: { type: 'estate' }, rule: { type: 'art278', matter: 9 },
    eligible: count(10), participated: count(8), agree: count(5), disagree: count(2), abstain: count(1),
    agreeRate, participationRate: 80, quorumMet: true, verdict: 'open', provisional, explanation: '',
  }
}

function tally(items: TallyItem[]): Tally {
  return {
    consultationId: 1, state: 'open', lawVersion: 'civil-code-2021', currentRound: 1, round: 1, items,
    buildings: [
      { buildingId: 3, number: '3', items: [{ itemId: 11, eligible: count(4), participated: count(4), agree: count(3), disagree: count(1), abstain: count(0), agreeRate: 75, informationOnly: true }] },
      { buildingId: 4, number: '4', items: [] },
    ],
    rounds: [{ round: 1, agreeRate: 61.82, items: [] }],
    overall: { agree: 5, eligible: 10, agreeRate: 50 },
  }
}

describe('ballot codes typed by a QR scanner', () => {
  it('takes the code from the printed URL or the bare code', () => {
    expect(parseBallotCode('https://hx.example.cn/h5/#/ballot/AB12-CD34')).toBe('AB12-CD34')
    expect(parseBallotCode('http://127.0.0.1:8080/h5/ballot/AB12CD34/')).toBe('AB12CD34')
    expect(parseBallotCode('http://x/h5/#/ballot/AB12?utm=1')).toBe('AB12')
    expect(parseBallotCode('  AB12-CD34 \n')).toBe('AB12-CD34')
    expect(parseBallotCode('http://x/h5/#/ballot/A%2DB')).toBe('A-B')
    expect(parseBallotCode('   ')).toBeNull()
  })
})

describe('paper entry keyboard', () => {
  it('1/2/3 set the current item and move on; Backspace and ↑ go back; Enter submits', () => {
    let s = paperState([11, 12, 13])
    let r = paperKey(s, '1')
    expect(r.action).toBe('set')
    s = r.state
    s = paperKey(s, '1').state
    expect(s.index).toBe(2)
    s = paperKey(s, 'Backspace').state
    expect(s.index).toBe(1)
    s = paperKey(s, '2').state
    s = paperKey(s, 'Numpad3').state
    expect(s.choices).toEqual({ 11: 'agree', 12: 'disagree', 13: 'abstain' })
    expect(s.index).toBe(3)
    // Past the last item more digits change nothing.
    expect(paperKey(s, '1').state).toBe(s)
    s = paperKey(s, 'ArrowUp').state
    expect(s.index).toBe(2)
    r = paperKey(s, 'Enter')
    expect(r.action).toBe('submit')
    expect(paperKey(s, 'x').action).toBe('none')
    expect(paperKey(paperState([1]), 'Backspace').state.index).toBe(0)
  })

  it('keeps preset choices and sends only chosen items', () => {
    const s = paperState([11, 12], { 11: 'agree', 12: null })
    expect(s.choices[11]).toBe('agree')
    expect(choicesBody(s.choices)).toEqual({ 11: 'agree' })
  })
})

describe('rules', () => {
  it('parses fractions and turns them into percentages rounded half up like the server', () => {
    expect(parseFraction('2/3')).toEqual([2, 3])
    expect(parseFraction(' 3 / 4 ')).toEqual([3, 4])
    expect(parseFraction('4/3')).toBeNull()
    expect(parseFraction('0/3')).toBeNull()
    expect(parseFraction('0.66')).toBeNull()
    // Issue #11 §2: exactly 2/3 shows 66.67 (it showed 66.66, rounded down).
    expect(fractionPercent('2/3')).toBe(66.67)
    expect(fractionPercent('1/3')).toBe(33.33)
    expect(fractionPercent('1/2')).toBe(50)
    // Both sides of half a hundredth: 13333/20000 = 66.665 % → 66.67; 13332/20000 = 66.66 % stays.
    expect(fractionPercent('13333/20000')).toBe(66.67)
    expect(fractionPercent('13332/20000')).toBe(66.66)
  })

  it('flags a strict 100 % threshold as unreachable, and only a strict one', () => {
    const item = blankItem('x')
    item.ruleType = 'custom'
    item.threshold = '1/1'
    item.inclusive = true
    expect(itemProblems(item)).toEqual([])
    item.inclusive = false
    expect(itemProblems(item)).toEqual(['consultation.tallyRules.unreachable'])
    item.threshold = '99/100'
    expect(itemProblems(item)).toEqual([])
    item.areaThreshold = '3/3'
    expect(itemProblems(item)).toEqual(['consultation.tallyRules.unreachable'])
  })

  it('names the base an agree rate is measured against', () => {
    expect(agreeRateLabel('participants')).toBe(
      'consultation.tallyRules.agreeRateOf({"base":"consultation.tallyRules.rateBase.participants"})',
    )
    expect(agreeRateLabel(undefined)).toBe('consultation.tally.agreeRate')
  })

  it('knows the pass line of Art. 278 matters under both laws', () => {
    expect(passThreshold({ type: 'art278', matter: 7 })).toBe(75)
    expect(passThreshold({ type: 'art278', matter: 5 })).toBe(50)
    expect(passThreshold({ type: 'art278', matter: 5 }, 'property-law-2007')).toBe(66.67)
    expect(passThreshold({ type: 'art278', matter: 8 }, 'property-law-2007')).toBe(50)
    expect(passThreshold({ type: 'custom', countBy: 'owners', base: 'all', threshold: '3/5', inclusive: true })).toBe(60)
    expect(lawKey('property-law-2007')).toBe('propertyLaw2007')
    expect(ruleSummary({ type: 'art278', matter: 7 })).toContain('consultation.matter.m7')
  })

  it('turns the wizard item into the request', () => {
    const lift = itemFromCatalog({ code: 'I08', category: 'improve', name: '加装电梯' })
    expect(lift.matter).toBe(7)
    expect(lift.scopeType).toBe('stairwell')
    expect(itemProblems(lift)).toEqual(['consultation.wizard.problem.building', 'consultation.wizard.problem.stairwell'])
    lift.buildingId = 3
    lift.stairwell = 1
    expect(itemProblems(lift)).toEqual([])
    expect(itemToInput(lift)).toEqual({
      title: '加装电梯', catalogItemCode: 'I08', rule: { type: 'art278', matter: 7 },
      scope: { type: 'stairwell', buildingId: 3, stairwell: 1 },
    })

    const roof = blankItem(' 屋面防水 ')
    roof.ruleType = 'custom'
    roof.base = 'all'
    roof.threshold = '2 / 3'
    roof.inclusive = true
    roof.areaThreshold = '2/3'
    roof.quorum = 'half'
    expect(itemProblems(roof)).toEqual(['consultation.wizard.problem.quorum'])
    roof.quorum = '1/2'
    expect(itemToInput(roof)).toEqual({
      title: '屋面防水',
      rule: { type: 'custom', countBy: 'owners', base: 'all', threshold: '2/3', inclusive: true, areaThreshold: '2/3', quorum: '1/2' },
      scope: { type: 'estate' },
    })
    roof.areaThreshold = ''
    roof.quorum = ''
    expect(itemToInput(roof).rule).toEqual({ type: 'custom', countBy: 'owners', base: 'all', threshold: '2/3', inclusive: true })
    expect(itemProblems(blankItem(''))).toEqual(['consultation.wizard.problem.title'])
  })

  it('groups the catalogue as 基础类, 完善类, 提升类 and drops empty groups', () => {
    const groups = groupCatalog([
      { code: 'U1', category: 'upgrade', name: 'u' },
      { code: 'B1', category: 'basic', name: 'b' },
      { code: 'B2', category: 'basic', name: 'b2' },
    ])
    expect(groups.map((g) => g.category)).toEqual(['basic', 'upgrade'])
    expect(groups[0].items.map((i) => i.code)).toEqual(['B1', 'B2'])
  })
})

describe('rounds, tally and filters', () => {
  it('preselects items not provisionally passed or under 60 %', () => {
    const tl = tally([tallyItem(11, 80, 'passed'), tallyItem(12, 55, 'passed'), tallyItem(13, 90, 'invalid')])
    expect(defaultRoundItems(tl, [])).toEqual([12, 13])
  })

  it('spreads agree rates per building with gaps as null', () => {
    const tl = tally([tallyItem(11, 80, 'passed'), tallyItem(12, 55, 'passed')])
    expect(buildingSeries(tl)).toEqual({
      buildings: ['3', '4'],
      series: [
        { name: 'item 11', data: [75, null] },
        { name: 'item 12', data: [null, null] },
      ],
    })
  })

  it('shows a per-building verdict only where the building is the voting unit', () => {
    const tl = tally([tallyItem(11, 80, 'passed'), tallyItem(12, 55, 'passed')])
    expect(buildingVerdicts(tl)).toEqual([])  // information only
    tl.buildings[1].items.push({
      itemId: 12, eligible: count(4), participated: count(4), agree: count(3), disagree: count(1), abstain: count(0),
      agreeRate: 75, informationOnly: false, verdict: 'open',
    })
    expect(buildingVerdicts(tl)).toEqual([{ building: '4', itemId: 12, title: 'item 12', verdict: 'open' }])
  })

  it('leaves empty filters out of the query', () => {
    expect(toQuery(emptyFilters(), 1, 20)).toEqual({ page: 1, pageSize: 20, estateId: undefined, state: undefined })
    expect(toQuery({ estateId: 4, state: 'open' }, 2, 50)).toEqual({ page: 2, pageSize: 50, estateId: 4, state: 'open' })
  })
})

describe('permissions', () => {
  it('ballot entry takes consultation:ballot:write or ballot:write', () => {
    expect(canWriteBallots((c) => c === 'consultation:ballot:write')).toBe(true)
    expect(canWriteBallots((c) => c === 'ballot:write')).toBe(true)
    expect(canWriteBallots((c) => c === 'consultation:read')).toBe(false)
  })
})
