import { describe, expect, it } from 'vitest'
import type { Ticket } from '@/shared/api/ticket/types'
import { dueState, mergeTargets, NEXT_STATUSES, span } from './data'

const NOW = Date.parse('2026-12-03T08:00:00Z')

describe('the ticket queue', () => {
  it('allows the moves of the state machine only', () => {
    expect(NEXT_STATUSES.submitted).toEqual(['accepted', 'rejected'])
    expect(NEXT_STATUSES.in_progress).toEqual(['resolved'])
    expect(NEXT_STATUSES.closed).toEqual([])
  })

  it('colours the response time: overdue, due within four hours, or not yet', () => {
    const t = { status: 'accepted' as const, mergedInto: null }
    expect(dueState({ ...t, dueAt: '2026-12-03T07:00:00Z' }, NOW)).toEqual({ kind: 'overdue', ms: 3600_000 })
    expect(dueState({ ...t, dueAt: '2026-12-03T11:59:00Z' }, NOW)).toEqual({ kind: 'soon', ms: 239 * 60_000 })
    expect(dueState({ ...t, dueAt: '2026-12-04T08:00:00Z' }, NOW).kind).toBe('ok')
    expect(dueState({ ...t, status: 'resolved', dueAt: '2026-12-01T00:00:00Z' }, NOW)).toEqual({ kind: 'settled' })
    expect(dueState({ ...t, mergedInto: 3, dueAt: '2026-12-01T00:00:00Z' }, NOW)).toEqual({ kind: 'settled' })
  })

  it('says a span in minutes, hours or days', () => {
    expect(span(59 * 60_000)).toEqual({ key: 'minutes', n: 59 })
    expect(span(47 * 3600_000 + 59 * 60_000)).toEqual({ key: 'hours', n: 47 })
    expect(span(50 * 3600_000)).toEqual({ key: 'days', n: 2 })
  })

  it('merges into another live ticket, those of the same estate first', () => {
    const t = (id: number, estateId: number | null, extra: Partial<Ticket> = {}) => ({ id, estateId, status: 'accepted', mergedInto: null, ...extra }) as Ticket
    const all = [t(1, 5), t(2, 7), t(3, 5, { status: 'rejected' }), t(4, 5, { mergedInto: 1 }), t(5, 7), t(6, 5)]
    expect(mergeTargets(all, all[1]).map((x) => x.id)).toEqual([5, 6, 1])
  })
})
