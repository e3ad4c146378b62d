import { describe, expect, it } from 'vitest'
import { formatFen, MAX_FEN, parseYuan, parseYuanResult } from './money'

describe('yuan → fen without floating point', () => {
  it('reads up to two decimals exactly', () => {
    expect(parseYuan('0.1')).toBe(10)
    expect(parseYuan('0.10')).toBe(10)
    expect(parseYuan('12.34')).toBe(1234)
    expect(parseYuan('0.07')).toBe(7)
    expect(parseYuan('.5')).toBe(50)
    expect(parseYuan('0')).toBe(0)
    expect(parseYuan('007.5')).toBe(750)
    expect(parseYuan('500000')).toBe(50000000)
    // 1.15 × 100 is 114.99999999999999 in floating point; the string says 115.
    expect(parseYuan('1.15')).toBe(115)
    expect(parseYuan('4.35')).toBe(435)
    expect(parseYuan('19.99')).toBe(1999)
  })

  it('normalises well-placed thousands separators and refuses misplaced ones', () => {
    expect(parseYuan('1,234.5')).toBe(123450)
    expect(parseYuan('1,234,567.89')).toBe(123456789)
    expect(parseYuan('12,345')).toBe(1234500)
    expect(parseYuanResult('12,34')).toEqual({ ok: false, error: 'format' })
    expect(parseYuanResult('1,23.4')).toEqual({ ok: false, error: 'format' })
    expect(parseYuanResult(',123')).toEqual({ ok: false, error: 'format' })
    expect(parseYuanResult('1234,567')).toEqual({ ok: false, error: 'format' })
    expect(parseYuanResult('1,,234')).toEqual({ ok: false, error: 'format' })
  })

  it('tolerates blanks, a currency sign and full-width input from Chinese IMEs', () => {
    expect(parseYuan('  12.34 ')).toBe(1234)
    expect(parseYuan('¥1,000')).toBe(100000)
    expect(parseYuan('￥ 3.5')).toBe(350)
    expect(parseYuan('１２．３４')).toBe(1234)
    expect(parseYuan('１，２３４')).toBe(123400)
  })

  it('refuses more than two decimals and anything that is not a plain amount', () => {
    expect(parseYuanResult('1.234')).toEqual({ ok: false, error: 'decimals' })
    expect(parseYuanResult('0.001')).toEqual({ ok: false, error: 'decimals' })
    expect(parseYuanResult('')).toEqual({ ok: false, error: 'empty' })
    expect(parseYuanResult('   ')).toEqual({ ok: false, error: 'empty' })
    expect(parseYuanResult(null)).toEqual({ ok: false, error: 'empty' })
    for (const bad of ['-1', '+1', '1e3', '5.', '.', 'abc', '1.2.3', '1 000', 'Infinity', 'NaN', '0x10']) {
      expect(parseYuanResult(bad), bad).toEqual({ ok: false, error: 'format' })
    }
  })

  it('refuses amounts beyond the safe integer range of fen', () => {
    expect(parseYuan('90071992547409.91')).toBe(MAX_FEN)
    expect(parseYuanResult('90071992547409.92')).toEqual({ ok: false, error: 'too_large' })
    expect(parseYuanResult('100000000000000')).toEqual({ ok: false, error: 'too_large' })
  })
})

describe('fen → yuan', () => {
  it('formats whole fen with two decimals and separators', () => {
    expect(formatFen(0)).toBe('0.00')
    expect(formatFen(7)).toBe('0.07')
    expect(formatFen(10)).toBe('0.10')
    expect(formatFen(1234)).toBe('12.34')
    expect(formatFen(123450)).toBe('1,234.50')
    expect(formatFen(31000000)).toBe('310,000.00')
    expect(formatFen(123456789, { grouping: false })).toBe('1234567.89')
    expect(formatFen(-1999)).toBe('-19.99')
    expect(formatFen(MAX_FEN)).toBe('90,071,992,547,409.91')
    expect(formatFen(1.5)).toBe('')
  })

  it('round-trips', () => {
    for (const fen of [0, 1, 9, 10, 99, 100, 101, 123456, 50000000, 3451330]) {
      expect(parseYuan(formatFen(fen))).toBe(fen)
      expect(parseYuan(formatFen(fen, { grouping: false }))).toBe(fen)
    }
  })
})
