// Yuan ⇄ fen on the stewardship page: exact, never through floating point (ARCHITECTURE.md §5).
import { describe, expect, it } from 'vitest'
import { fenToYuan, yuanToFen } from '@/shared/api/stewardship/stewardship'

describe('stewardship money', () => {
  it('reads yuan with at most two decimals as fen', () => {
    expect(yuanToFen('25.34')).toBe(2534)
    expect(yuanToFen('25.3')).toBe(2530)
    expect(yuanToFen('25')).toBe(2500)
    expect(yuanToFen(' 0.07 ')).toBe(7)
    expect(yuanToFen('0.455')).toBeNull()
    expect(yuanToFen('-1')).toBeNull()
    expect(yuanToFen('')).toBeNull()
  })
  it('writes fen as yuan with two decimals', () => {
    expect(fenToYuan(2534)).toBe('25.34')
    expect(fenToYuan(7)).toBe('0.07')
    expect(fenToYuan(0)).toBe('0.00')
    expect(fenToYuan(-150)).toBe('-1.50')
  })
})
