import { describe, expect, it } from 'vitest'
import { buildingLabel, describeRule, grade, normaliseValue, worst } from './checkup-rules'
import type { Rule } from './checkup-types'
import { messages } from '../i18n/messages'

const facade: Rule = {
  type: 'bands',
  bands: [
    { upTo: '10', inclusive: false, severity: 'hazard' },
    { upTo: '30', inclusive: true, severity: 'larger_hazard' },
    { severity: 'severe' },
  ],
}

// A tiny translator over the zh-CN messages ({name} placeholders only).
function t(key: string, named: Record<string, unknown> = {}): string {
  const msg = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], messages['zh-CN'])
  return String(msg ?? key).replace(/\{(\w+)\}/g, (_, k) => String(named[k] ?? ''))
}

describe('grade', () => {
  it('grades facade finish loss by bands', () => {
    expect(grade(facade, { value: 0 })).toBeNull()
    expect(grade(facade, { value: '9.99' })).toBe('hazard')
    expect(grade(facade, { value: 10 })).toBe('larger_hazard')
    expect(grade(facade, { value: '18' })).toBe('larger_hazard')
    expect(grade(facade, { value: '30' })).toBe('larger_hazard')
    expect(grade(facade, { value: '30.01' })).toBe('severe')
    expect(grade(facade, { value: null })).toBeNull()
  })
  it('grades flags, age with condition, shortfalls and minimums', () => {
    expect(grade({ type: 'flag', severity: 'hazard' }, { present: true })).toBe('hazard')
    expect(grade({ type: 'flag', severity: 'hazard' }, { present: false })).toBeNull()
    const age: Rule = { type: 'age_and_condition', minYears: '20', severity: 'hazard' }
    expect(grade(age, { value: 25, condition: false })).toBeNull()
    expect(grade(age, { value: 20, condition: true })).toBe('hazard')
    expect(grade(age, { value: 19, condition: true })).toBeNull()
    expect(grade({ type: 'shortfall', severity: 'problem' }, { value: '0' })).toBeNull()
    expect(grade({ type: 'shortfall', severity: 'problem' }, { value: '3' })).toBe('problem')
    expect(grade({ type: 'below', min: '150', severity: 'problem' }, { value: '149.5' })).toBe('problem')
    expect(grade({ type: 'below', min: '150', severity: 'problem' }, { value: '150' })).toBeNull()
  })
  it('picks the worst severity', () => {
    expect(worst(['problem', 'larger_hazard', null, 'hazard'])).toBe('larger_hazard')
    expect(worst([])).toBeNull()
  })
})

describe('describeRule', () => {
  it('puts bands in words', () => {
    expect(describeRule(facade, 'm2', t)).toBe('<10 ㎡ 隐患；10–30 ㎡ 较大隐患；>30 ㎡ 严重隐患')
  })
  it('puts the other rules in words', () => {
    expect(describeRule({ type: 'flag', severity: 'severe' }, '', t)).toContain('严重隐患')
    expect(describeRule({ type: 'age_and_condition', minYears: '20', severity: 'hazard' }, 'years', t)).toContain('20')
    expect(describeRule({ type: 'below', min: '20.00', severity: 'problem' }, 'm2_per_100hh', t)).toBe('低于 20 ㎡/百户：不达标')
  })
})

describe('normaliseValue', () => {
  it('keeps at most two decimals', () => {
    expect(normaliseValue('18')).toBe('18')
    expect(normaliseValue(' 12.5 ')).toBe('12.5')
    expect(normaliseValue('1.234')).toBeNull()
    expect(normaliseValue('-1')).toBeNull()
    expect(normaliseValue('')).toBeNull()
  })
})

describe('buildingLabel', () => {
  it('adds 号楼 to a bare number only', () => {
    expect(buildingLabel('3')).toBe('3号楼')
    expect(buildingLabel('3栋')).toBe('3栋')
    expect(buildingLabel('A座')).toBe('A座')
  })
})
