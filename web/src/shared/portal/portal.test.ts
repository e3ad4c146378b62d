import { describe, expect, it } from 'vitest'
import { fenToWan, fenToWanValue, fenToYuan, isOverdue, percent, share } from './format'
import { estatePoints, mapOption, outlineFor } from './map'
import { normalizeRankings } from './rankings'
import { REGION_OUTLINES } from './region-outlines'
import { matchesSearch, regionOptions } from './regions'

describe('money and rates on the public pages', () => {
  it('shows fen as yuan with two decimals', () => {
    expect(fenToYuan(123456789)).toBe('1,234,567.89')
    expect(fenToYuan(5)).toBe('0.05')
    expect(fenToYuan(null)).toBe('')
  })

  it('shows fen as 万元, rounding half up on the integer', () => {
    expect(fenToWan(123456789)).toBe('123.46') // 1,234,567.89 yuan
    expect(fenToWan(1_000_000)).toBe('1.00')
    expect(fenToWan(4_999)).toBe('0.00')
    expect(fenToWan(5_000)).toBe('0.01')
    expect(fenToWan(123_456_780_000)).toBe('123,456.78')
    expect(fenToWan(-15_000)).toBe('-0.02')
    expect(fenToWan(undefined)).toBe('')
    expect(fenToWanValue(123456789)).toBe(123.46)
    expect(fenToWanValue(-15_000)).toBe(-0.02)
    expect(fenToWanValue(null)).toBe(0)
  })

  it('shows percents with two decimals and a dash for no denominator', () => {
    expect(percent(45.6)).toBe('45.60%')
    expect(percent(100)).toBe('100.00%')
    expect(percent(null)).toBe('—')
    expect(share(1, 3)).toBe(33.3)
    expect(share(3, 0)).toBe(0)
  })

  it('calls an order overdue when not closed after its due day', () => {
    expect(isOverdue({ status: 'open', dueOn: '2026-05-05' }, '2026-05-06')).toBe(true)
    expect(isOverdue({ status: 'replied', dueOn: '2026-05-05' }, '2026-05-06')).toBe(true)
    expect(isOverdue({ status: 'open', dueOn: '2026-05-05' }, '2026-05-05')).toBe(false)
    expect(isOverdue({ status: 'closed', dueOn: '2026-05-05' }, '2026-06-01')).toBe(false)
  })
})


describe('the estates map', () => {
  it('picks the most precise outline containing the region', () => {
    expect(outlineFor('360104002')?.properties.code).toBe('360104')
    expect(outlineFor('360104')?.properties.code).toBe('360104')
    expect(outlineFor('360102')?.properties.code).toBe('3601')
    expect(outlineFor('3601')?.properties.code).toBe('3601')
  })

  it('picks the widest outline inside a wider region, and none for an unrelated one', () => {
    expect(outlineFor('36')?.properties.code).toBe('3601')
    expect(outlineFor('')?.properties.code).toBe('3601')
    expect(outlineFor('1101')).toBeNull()
  })

  it('closes every outline ring and keeps it near Nanchang', () => {
    for (const f of REGION_OUTLINES.features) {
      const ring = f.geometry.coordinates[0]
      expect(ring[0]).toEqual(ring[ring.length - 1])
      for (const [lng, lat] of ring) {
        expect(lng).toBeGreaterThan(115)
        expect(lng).toBeLessThan(117)
        expect(lat).toBeGreaterThan(28)
        expect(lat).toBeLessThan(29.5)
      }
    }
  })

  it('draws only estates with valid coordinates, as [lng, lat]', () => {
    const points = estatePoints([
      { id: 1, name: 'A', lat: 28.61, lng: 115.91 },
      { id: 2, name: 'B', lat: null, lng: 115.9 },
      { id: 3, name: 'C' },
      { id: 4, name: 'D', lat: 128, lng: 115 },
    ])
    expect(points).toEqual([{ id: 1, name: 'A', value: [115.91, 28.61] }])
    const option = mapOption('outline-360104', [{ id: 1, name: 'A', lat: 28.61, lng: 115.91 }]) as {
      geo: { map: string }
      series: { data: unknown[] }[]
    }
    expect(option.geo.map).toBe('outline-360104')
    expect(option.series[0].data).toHaveLength(1)
  })
})

describe('the region filter and search', () => {
  const estates = [
    { regionCode: '360104006001', county: '青云谱区', street: '京山街道', name: '京山小区', address: '京山北路 1 号', community: '京山社区' },
    { regionCode: '360104002003', county: '青云谱区', street: '洪都街道', name: '洪都新村', address: '洪都中大道 5 号', community: '洪都社区' },
    { regionCode: '360104002004', county: '青云谱区', street: '洪都街道', name: 'Hongdu East', address: 'X', community: 'Y' },
    { regionCode: '360102001001', county: null, street: null, name: 'no names', address: '', community: '' },
  ]

  it('lists each county and street once, county before its streets', () => {
    expect(regionOptions(estates)).toEqual([
      { code: '360104', name: '青云谱区', level: 'county' },
      { code: '360104002', name: '洪都街道', level: 'street' },
      { code: '360104006', name: '京山街道', level: 'street' },
    ])
  })

  it('matches name, address or community, ignoring case and blanks', () => {
    expect(matchesSearch(estates[0], '京山')).toBe(true)
    expect(matchesSearch(estates[1], '中大道')).toBe(true)
    expect(matchesSearch(estates[2], ' hongdu ')).toBe(true)
    expect(matchesSearch(estates[0], '洪都')).toBe(false)
    expect(matchesSearch(estates[0], '  ')).toBe(true)
  })
})

describe('the street ranking answer', () => {
  it('reads a list or {items}, best first, leaving out rows without name or score', () => {
    expect(
      normalizeRankings({
        items: [
          { name: '洪都街道', score: 88.5 },
          { regionName: '京山街道', total: '92.10' },
          { name: '', score: 1 },
          { name: '岱山街道', score: null },
          { streetName: '三家店街道', value: 88.5 },
        ],
      }),
    ).toEqual([
      { name: '京山街道', score: 92.1 },
      { name: '三家店街道', score: 88.5 },
      { name: '洪都街道', score: 88.5 },
    ])
    expect(normalizeRankings([{ name: 'A', score: 1 }])).toEqual([{ name: 'A', score: 1 }])
    expect(normalizeRankings(null)).toEqual([])
    expect(normalizeRankings({ error: 'x' })).toEqual([])
  })
})
