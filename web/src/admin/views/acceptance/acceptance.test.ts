import { describe, expect, it } from 'vitest'
import {
  checklistPoints,
  missingRoles,
  participantRows,
  participantsInput,
  punchGate,
  punchInput,
  warrantyState,
  warrantyTagType,
  type PunchRow,
} from './data'

describe('warranty colours', () => {
  it('expired once not running or at 0 days, near at 90 days or fewer, running beyond', () => {
    expect(warrantyState({ running: false, daysLeft: 0 })).toBe('expired')
    expect(warrantyState({ running: true, daysLeft: 0 })).toBe('expired')
    expect(warrantyState({ running: true, daysLeft: 1 })).toBe('near')
    expect(warrantyState({ running: true, daysLeft: 90 })).toBe('near')
    expect(warrantyState({ running: true, daysLeft: 91 })).toBe('running')
    expect(warrantyTagType({ running: false, daysLeft: 0 })).toBe('danger')
    expect(warrantyTagType({ running: true, daysLeft: 30 })).toBe('warning')
    expect(warrantyTagType({ running: true, daysLeft: 1082 })).toBe('success')
  })
})

describe('punch-list gate', () => {
  const row = (r: Partial<PunchRow>): PunchRow => ({ description: '', status: 'open', waiverReason: '', ...r })

  it('holds while an entry is open or waived without a reason', () => {
    expect(punchGate([]).passes).toBe(true)
    const open = row({ id: 7 })
    expect(punchGate([open, row({ status: 'resolved' })])).toMatchObject({ passes: false, open: [open] })
    const blank = row({ status: 'waived', waiverReason: '  ' })
    expect(punchGate([blank])).toMatchObject({ passes: false, open: [], waivedWithoutReason: [blank] })
    expect(punchGate([row({ id: 7, status: 'waived', waiverReason: '住户同意' }), row({ status: 'resolved' })]).passes).toBe(true)
  })

  it('sends stored entries by id and new ones by description, reasons only with waived', () => {
    expect(
      punchInput([
        row({ id: 7, description: 'kept', status: 'waived', waiverReason: ' 住户同意 ' }),
        row({ description: ' 雨水篦子缺失 ', status: 'resolved', waiverReason: 'ignored' }),
        row({ description: '  ' }),
      ]),
    ).toEqual([
      { id: 7, status: 'waived', waiverReason: '住户同意' },
      { description: '雨水篦子缺失', status: 'resolved' },
    ])
  })
})

describe('participants', () => {
  it('one row per role, the filled ones sent, the required ones missing named', () => {
    const rows = participantRows()
    expect(rows.map((r) => r.role)).toEqual([
      'client', 'design', 'construction', 'supervision', 'resident_representative', 'street', 'owners_committee', 'property_company',
    ])
    rows[0].name = ' 洪都街道办事处 '
    rows[0].representative = '李主任'
    rows[5].name = '洪都街道城建办'
    expect(participantsInput(rows)).toEqual([
      { role: 'client', name: '洪都街道办事处', representative: '李主任' },
      { role: 'street', name: '洪都街道城建办' },
    ])
    expect(missingRoles(rows)).toEqual(['design', 'construction', 'supervision', 'resident_representative'])
  })
})

describe('checklist points', () => {
  it('sums the points, 5 per criterion at most', () => {
    expect(checklistPoints([{ scores: { 方案: 5, 质量: 4 } }, { scores: { 竣工资料: 3 } }])).toEqual({ points: 12, maxPoints: 15 })
    expect(checklistPoints([])).toEqual({ points: 0, maxPoints: 0 })
  })
})
