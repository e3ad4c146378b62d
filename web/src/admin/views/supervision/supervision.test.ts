import { describe, expect, it } from 'vitest'
import { deadline, levelTagType, openFindings, queryId, splitNames, statusTagType } from './data'
import type { Inspection } from '@/shared/api/supervision/types'

describe('the rectification board', () => {
  it('colours the escalation levels grey, orange, red', () => {
    expect([0, 1, 2, 3].map(levelTagType)).toEqual(['info', 'warning', 'danger', 'danger'])
  })

  it('colours the status: overdue red before replied or open', () => {
    expect(statusTagType({ status: 'open', overdue: true })).toBe('danger')
    expect(statusTagType({ status: 'replied', overdue: false })).toBe('primary')
    expect(statusTagType({ status: 'open', overdue: false })).toBe('warning')
    expect(statusTagType({ status: 'closed', overdue: true })).toBe('success')
  })

  it('counts the days left or past the deadline in calendar days', () => {
    const o = { status: 'open' as const, dueOn: '2026-12-03', closedOn: null }
    expect(deadline(o, '2026-12-01')).toEqual({ kind: 'left', days: 2 })
    expect(deadline(o, '2026-12-03')).toEqual({ kind: 'today', days: 0 })
    expect(deadline(o, '2027-01-02')).toEqual({ kind: 'overdue', days: 30 })
    expect(deadline({ ...o, status: 'closed', closedOn: '2026-12-02' }, '2026-12-09')).toEqual({ kind: 'closed', on: '2026-12-02' })
  })

  it('reads the attendees typed on one line', () => {
    expect(splitNames(' 李建国，王秀英、刘经理,, 陈总监 ')).toEqual(['李建国', '王秀英', '刘经理', '陈总监'])
    expect(splitNames('  ')).toEqual([])
  })

  it('reads an id from the query: a positive whole number or nothing', () => {
    expect([queryId('4'), queryId('0'), queryId('4a'), queryId(''), queryId(['4']), queryId(undefined)]).toEqual([4, null, null, null, null, null])
  })
})

describe('findings offered for a new order', () => {
  const inspection = (id: number, at: string, findings: [number, string][]): Inspection => ({
    id, projectId: 1, stepCode: null, clientId: null, inspectedAt: at, lat: null, lng: null, place: '', note: '', inspectedBy: '',
    findings: findings.map(([fid, text]) => ({ id: fid, itemCode: 'safety', text, photoFileIds: [fid * 10] })), createdAt: at,
  })
  it('leaves out the findings an order already names, newest inspection first, labelled by day', () => {
    const list = openFindings(
      [inspection(1, '2026-11-02T01:00:00Z', [[11, '临边无防护'], [12, '材料堆放']]), inspection(2, '2026-11-20T01:00:00Z', [[21, '围挡缺失']])],
      [{ findingId: 12 }, { findingId: null }],
    )
    expect(list.map((f) => [f.id, f.label])).toEqual([[21, '2026-11-20 · 围挡缺失'], [11, '2026-11-02 · 临边无防护']])
    expect(list[1].photoFileIds).toEqual([110])
  })
})
