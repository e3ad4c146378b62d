import { describe, expect, it } from 'vitest'
import { gradeOf, liveTotal, parseScore, previousMonth } from './data'
import type { ScorecardBand, ScorecardItem } from '@/shared/api/evaluation/types'

const bands: ScorecardBand[] = [
  { code: 'excellent', nameZh: '优秀', nameEn: 'excellent', min: 95, minInclusive: true },
  { code: 'good', nameZh: '良好', nameEn: 'good', min: 85, minInclusive: true },
  { code: 'pass', nameZh: '合格', nameEn: 'pass', min: 75, minInclusive: true },
  { code: 'poor', nameZh: '不合格', nameEn: 'poor', min: 0, minInclusive: true },
]
const items: ScorecardItem[] = [
  { code: 'a', nameZh: '甲', nameEn: 'A', maxPoints: 60, group: null },
  { code: 'b', nameZh: '乙', nameEn: 'B', maxPoints: 40, group: null },
]

describe('evaluation entry', () => {
  it('reads scores like the API', () => {
    expect(parseScore('12.5', 15)).toBe(1250)
    expect(parseScore('15', 15)).toBe(1500)
    expect(parseScore('15.01', 15)).toBeNull()
    expect(parseScore('12.505', 15)).toBeNull()
    expect(parseScore('-1', 15)).toBeNull()
    expect(parseScore(7.25, 15)).toBe(725)
  })
  it('grades on both sides of a boundary', () => {
    expect(gradeOf(bands, 9500)?.code).toBe('excellent')
    expect(gradeOf(bands, 9499)?.code).toBe('good')
    expect(gradeOf(bands, 7499)?.code).toBe('poor')
    const lower = bands.map((b, i) => (i < 3 ? { ...b, minInclusive: false } : b))
    expect(gradeOf(lower, 9500)?.code).toBe('good')
  })
  it('totals live and waits for every item', () => {
    expect(liveTotal(items, bands, { a: '50' }).complete).toBe(false)
    const l = liveTotal(items, bands, { a: '50.5', b: '35' })
    expect(l.total).toBe(85.5)
    expect(l.grade?.code).toBe('good')
    expect(liveTotal(items, bands, { a: '61', b: '35' }).invalid).toEqual(['a'])
  })
  it('knows the previous month', () => {
    expect(previousMonth(new Date(2026, 0, 15))).toBe('2025-12')
  })
})
