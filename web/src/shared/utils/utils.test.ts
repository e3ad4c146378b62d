import { describe, expect, it } from 'vitest'
import { formatDateTime, shanghaiDayEndUtc, shanghaiDayStartUtc, shanghaiYear } from './date'
import { checkPassword } from './password'

describe('dates in Asia/Shanghai', () => {
  it('shows a UTC instant in Shanghai time, across midnight', () => {
    expect(formatDateTime('2026-03-01T16:30:05Z')).toBe('2026-03-02 00:30:05')
    expect(formatDateTime('2026-03-01T15:59:59Z')).toBe('2026-03-01 23:59:59')
  })

  it('returns empty for missing or bad input', () => {
    expect(formatDateTime('')).toBe('')
    expect(formatDateTime(null)).toBe('')
    expect(formatDateTime('not a date')).toBe('')
  })

  it('turns a Shanghai calendar day into UTC bounds', () => {
    expect(shanghaiDayStartUtc('2026-03-01')).toBe('2026-02-28T16:00:00Z')
    expect(shanghaiDayEndUtc('2026-03-01')).toBe('2026-03-01T15:59:59Z')
    expect(() => shanghaiDayStartUtc('2026/03/01')).toThrow(RangeError)
  })

  it('gives the year in Shanghai, not the browser\'s zone', () => {
    expect(shanghaiYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026)
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027)
  })
})

describe('password rule', () => {
  it('needs 10 characters: 9 fails, 10 passes', () => {
    expect(checkPassword('Abcdef12#', 'u')).toBe('tooShort')
    expect(checkPassword('Abcdef12#x', 'u')).toBeNull()
  })

  it('needs 3 of 4 character classes', () => {
    expect(checkPassword('abcdefghij12', 'u')).toBe('classes')
    expect(checkPassword('abcdefghI12', 'u')).toBeNull()
    expect(checkPassword('abcdefghij1#', 'u')).toBeNull()
  })

  it('must differ from the username', () => {
    expect(checkPassword('Admin#2026pass', 'Admin#2026pass')).toBe('sameAsUsername')
    expect(checkPassword('Admin#2026pass', 'admin')).toBeNull()
  })
})

import { prefixPath } from './region-path'

describe('region path from a code', () => {
  it('walks the prefixes from the provinces', () => {
    expect(prefixPath('360104002')).toEqual(['36', '3601', '360104', '360104002'])
  })
  it('starts at the scope root', () => {
    expect(prefixPath('360104002', '360104')).toEqual(['360104', '360104002'])
    expect(prefixPath('360104', '360104')).toEqual(['360104'])
  })
  it('rejects a code outside the root', () => {
    expect(prefixPath('360105001', '360104')).toEqual([])
  })
})
