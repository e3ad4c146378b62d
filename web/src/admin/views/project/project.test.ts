import { describe, expect, it } from 'vitest'
import {
  breachesByLine,
  commonRegion,
  fenToYuan,
  formatRate,
  formatWan,
  formatYuan,
  fundSeries,
  GATE_DOCUMENTS,
  gaugeColor,
  gaugeLevel,
  gaugeMax,
  GAUGE_COLORS,
  parseYuanInput,
  reasonText,
  statusIndex,
  STATUSES,
  todayBeijing,
  yuanToFen,
} from './data'
import type { SourceFigures } from '@/shared/api/project/types'

describe('money between the API and the page', () => {
  it('turns API yuan into fen without float noise', () => {
    expect(yuanToFen(190.78)).toBe(19078)
    expect(yuanToFen(0.1 + 0.2)).toBe(30)
    expect(yuanToFen(88710000)).toBe(8871000000)
  })

  it('sends typed yuan as numbers with at most two decimals', () => {
    expect(parseYuanInput('1,234.5')).toBe(1234.5)
    expect(parseYuanInput('369.50')).toBe(369.5)
    expect(JSON.stringify(parseYuanInput('0.29'))).toBe('0.29')
    expect(JSON.stringify(fenToYuan(123456789))).toBe('1234567.89')
    expect(parseYuanInput('1.234')).toBeNull()
    expect(parseYuanInput('-5')).toBeNull()
    expect(parseYuanInput('')).toBeNull()
  })

  it('shows yuan with two decimals and 万元 rounded to the hundredth', () => {
    expect(formatYuan(8871)).toBe('8,871.00')
    expect(formatYuan(1234.5)).toBe('1,234.50')
    expect(formatYuan(null)).toBe('')
    expect(formatWan(88710000)).toBe('8,871.00')
    expect(formatWan(587000000)).toBe('58,700.00')
    expect(formatWan(1234567.89)).toBe('123.46')
    expect(formatWan(1234449)).toBe('123.44')
  })

  it('shows a rate or a dash when there is none', () => {
    expect(formatRate(51.63)).toBe('51.63%')
    expect(formatRate(100)).toBe('100.00%')
    expect(formatRate(null)).toBe('—')
  })
})

describe('the extension-cap gauge', () => {
  it('is red only above the cap; exactly at the cap is allowed', () => {
    expect(gaugeLevel(15, 15)).toBe('near')
    expect(gaugeLevel(15.01, 15)).toBe('over')
    expect(gaugeColor(15.01, 15)).toBe(GAUGE_COLORS.over)
    expect(gaugeColor(15, 15)).not.toBe(GAUGE_COLORS.over)
  })

  it('warns from 80 % of the cap, green below, grey without a share', () => {
    expect(gaugeLevel(12, 15)).toBe('near')
    expect(gaugeLevel(11.99, 15)).toBe('ok')
    expect(gaugeLevel(0, 15)).toBe('ok')
    expect(gaugeLevel(null, 15)).toBe('none')
    expect(gaugeColor(null, 15)).toBe(GAUGE_COLORS.none)
  })

  it('scales the dial to twice the cap or more', () => {
    expect(gaugeMax(3, 15)).toBe(30)
    expect(gaugeMax(42.5, 15)).toBe(45)
    expect(gaugeMax(null, 0)).toBe(5)
  })
})

describe('statuses and gates', () => {
  it('orders the ten statuses', () => {
    expect(STATUSES).toHaveLength(10)
    expect(statusIndex('reserve')).toBe(0)
    expect(statusIndex('handed_over')).toBe(9)
    expect(statusIndex('nonsense')).toBe(-1)
  })

  it('names a document for every step after reserve, the permit before started', () => {
    expect(GATE_DOCUMENTS.map((g) => g.gate)).toEqual(STATUSES.slice(1))
    expect(GATE_DOCUMENTS.find((g) => g.gate === 'permitted')?.kinds).toContain('construction_permit')
  })
})

describe('budget breaches', () => {
  it('groups the breaches by line, totals under 0', () => {
    const m = breachesByLine([
      { code: 'budget_over_estimate', lineId: 0, amount: 2, limit: 1, text: 'a' },
      { code: 'line_over_budget', lineId: 7, amount: 111, limit: 110, text: 'b' },
      { code: 'settlement_over_budget', lineId: 7, amount: 5, limit: 4, text: 'c' },
    ])
    expect(m.get(0)?.map((b) => b.text)).toEqual(['a'])
    expect(m.get(7)?.map((b) => b.text)).toEqual(['b', 'c'])
    expect(m.has(8)).toBe(false)
    expect(breachesByLine(undefined).size).toBe(0)
  })
})

describe('the funds chart', () => {
  it('gives one series per source with money, in committed/received/paid order', () => {
    const by: SourceFigures[] = [
      { source: 'central_subsidy', sourceName: '中央补助资金', committed: 300, received: 200, paid: 100 },
      { source: 'donation', sourceName: '捐资捐物', committed: 0, received: 0, paid: 0 },
      { source: 'resident', sourceName: '', committed: 8, received: 0, paid: 0 },
    ]
    expect(fundSeries(by)).toEqual([
      { source: 'central_subsidy', name: '中央补助资金', data: [300, 200, 100] },
      { source: 'resident', name: 'resident', data: [8, 0, 0] },
    ])
    expect(fundSeries(null)).toEqual([])
  })
})

describe('regions and reasons', () => {
  it('finds the region a package of estates shares, cut to a whole level', () => {
    expect(commonRegion(['360104002001'])).toBe('360104002001')
    expect(commonRegion(['360104002001', '360104002003'])).toBe('360104002')
    expect(commonRegion(['360104002001', '360104003001'])).toBe('360104')
    expect(commonRegion(['360104002001', '360111001001'])).toBe('3601')
    expect(commonRegion(['360104002001', '110101001001'])).toBe('')
    expect(commonRegion([])).toBe('')
  })

  it('reads a pool reason as text or an object', () => {
    expect(reasonText('严重安全隐患 3 处')).toBe('严重安全隐患 3 处')
    expect(reasonText({ code: 'severe', text: '严重安全隐患' })).toBe('严重安全隐患')
    expect(reasonText({ code: 'x' })).toBe('x')
  })

  it("gives today's date in Beijing", () => {
    expect(todayBeijing(new Date('2026-09-23T16:30:00Z'))).toBe('2026-09-24')
    expect(todayBeijing(new Date('2026-09-23T15:59:59Z'))).toBe('2026-09-23')
  })
})
