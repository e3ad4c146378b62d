import { describe, expect, it } from 'vitest'
import { checkIdNumber, idCheckChar, isPhone } from './id-number'
import { formatArea, hasAtMostTwoDecimals } from './area'

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check character, X included', () => {
    expect(idCheckChar('11010519491231002')).toBe('X')
    expect(idCheckChar('11010519500315001')).toBe('9')
    expect(idCheckChar('1101051949123100')).toBeNull()
  })

  it('accepts a valid number (lower-case x, spaces) and tells format from check-character errors', () => {
    expect(checkIdNumber('11010519491231002X')).toBeNull()
    expect(checkIdNumber('11010519491231002x')).toBeNull()
    expect(checkIdNumber(' 110105195003150019 ')).toBeNull()
    expect(checkIdNumber('110105195003150011')).toBe('checkChar')
    expect(checkIdNumber('1101051950031500')).toBe('format')
    expect(checkIdNumber('11010519500315001A')).toBe('format')
  })

  it('knows mobile and landline numbers', () => {
    expect(isPhone('13800138000')).toBe(true)
    expect(isPhone('0791-88888888')).toBe(true)
    expect(isPhone('23800138000')).toBe(false)
    expect(isPhone('1380013800')).toBe(false)
  })
})

describe('areas in m²', () => {
  it('shows two decimals', () => {
    expect(formatArea(85.3)).toBe('85.30')
    expect(formatArea(1234.5, 'en-US')).toBe('1,234.50')
    expect(formatArea(null)).toBe('')
  })

  it('accepts at most two decimals', () => {
    expect(hasAtMostTwoDecimals(85.37)).toBe(true)
    expect(hasAtMostTwoDecimals(0.07)).toBe(true)
    expect(hasAtMostTwoDecimals(85.371)).toBe(false)
  })
})
