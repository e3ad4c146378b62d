import { describe, expect, it } from 'vitest'
import {
  addDays,
  crewsFor,
  daysBetween,
  delayedSteps,
  gapPercent,
  ganttModel,
  gridLayout,
  importErrors,
  isMonthDay,
  namedSteps,
  normaliseInput,
  percentText,
  progressBars,
  ratePercent,
  seasonsInput,
  toInputs,
  weightSum,
  withoutOpenings,
} from './data'
import type { GridCell, ScheduledStep, Step } from '@/shared/api/construction/types'

const step = (code: string, startOn: string, endOn: string, extra: Partial<ScheduledStep> = {}): ScheduledStep => ({
  code,
  name: code.toUpperCase(),
  startOn,
  endOn,
  boundBy: 'predecessor',
  boundRef: null,
  critical: false,
  baselineStartOn: null,
  baselineEndOn: null,
  delayDays: null,
  ...extra,
})

describe('calendar days', () => {
  it('counts and adds days across months and leap days', () => {
    expect(daysBetween('2028-02-27', '2028-03-01')).toBe(3)
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })
})

describe('the Gantt model', () => {
  it('orders rows by start, bars end-exclusive in days from the start, with the baseline', () => {
    const m = ganttModel({
      startOn: '2026-03-01',
      endOn: '2026-03-10',
      steps: [
        step('b', '2026-03-04', '2026-03-10', { critical: true, baselineStartOn: '2026-03-03', baselineEndOn: '2026-03-12', delayDays: 0 }),
        step('a', '2026-03-01', '2026-03-03', { boundBy: 'start' }),
      ],
    })
    expect(m.labels).toEqual(['A (a)', 'B (b)'])
    expect(m.bars.map((b) => [b.code, b.start, b.end, b.critical])).toEqual([
      ['a', 0, 3, false],
      ['b', 3, 10, true],
    ])
    expect(m.bars[1].baseline).toEqual({ start: 2, end: 12, startOn: '2026-03-03', endOn: '2026-03-12' })
    expect(m.days).toBe(12) // the baseline ends later than the schedule
    expect(m.yearEnd).toBeNull()
  })

  it('marks 31 December when the schedule runs into the next year', () => {
    const m = ganttModel({ startOn: '2026-12-20', endOn: '2027-01-05', steps: [step('a', '2026-12-20', '2027-01-05')] })
    expect(m.yearEnd).toBe(12)
    expect(m.days).toBe(17)
  })

  it('lists delayed steps, most delayed first, and the gap to the lower bound', () => {
    const steps = [step('a', '2026-03-01', '2026-03-02', { delayDays: 2 }), step('b', '2026-03-01', '2026-03-02', { delayDays: 5 }), step('c', '2026-03-01', '2026-03-02', { delayDays: 0 })]
    expect(delayedSteps(steps).map((s) => s.code)).toEqual(['b', 'a'])
    expect(gapPercent(103, 100)).toBe(3)
    expect(gapPercent(10, 0)).toBe(0)
  })
})

describe('steps between the API and the editor', () => {
  const stored: Step[] = [
    {
      code: 'E1.rain.excavate',
      name: '开挖',
      itemCode: 'rain',
      estateId: 1,
      durationDays: 4,
      crew: { type: 'earthwork', count: 2 },
      trench: { segment: 'E1-main', utility: 'drainage', split: false },
      disruption: { kind: 'road', buildingIds: [3, 4] },
      window: null,
      predecessors: [],
      generated: false,
    },
    {
      code: 'open:E1-main',
      name: '开挖',
      itemCode: null,
      estateId: 1,
      durationDays: 3,
      crew: { type: 'earthwork', count: 1 },
      trench: null,
      disruption: null,
      window: null,
      predecessors: [],
      generated: true,
    },
  ]

  it('leaves the generated openings out and sends only what is set', () => {
    const inputs = toInputs(stored)
    expect(inputs).toEqual([
      {
        code: 'E1.rain.excavate',
        name: '开挖',
        itemCode: 'rain',
        estateId: 1,
        durationDays: 4,
        crew: { type: 'earthwork', count: 2 },
        trench: { segment: 'E1-main', utility: 'drainage' },
        disruption: { kind: 'road', buildingIds: [3, 4] },
        predecessors: [],
      },
    ])
    expect(normaliseInput({ ...inputs[0], trench: { segment: 'S', utility: 'gas', split: true } }).trench).toEqual({ segment: 'S', utility: 'gas', split: true })
  })

  it('keeps a proposal without the generated openings but with the links to them', () => {
    const lay = { ...toInputs(stored)[0], code: 'E1.rain.lay', predecessors: [{ code: 'open:E1-main', type: 'FS' as const, lagDays: 0 }, { code: 'E1.rain.excavate', type: 'FS' as const, lagDays: 1 }] }
    const open = { ...lay, code: 'open:E1-main', predecessors: [] }
    expect(withoutOpenings([open, lay]).map((s) => [s.code, s.predecessors.map((p) => p.code)])).toEqual([['E1.rain.lay', ['open:E1-main', 'E1.rain.excavate']]])
  })

  it('raises crew capacities to what a step needs, keeping larger saved ones', () => {
    expect(crewsFor(toInputs(stored), { earthwork: 1, pipe: 3 })).toEqual({ earthwork: 2, pipe: 3 })
  })

  it('names the steps of a refusal from its list or its detail', () => {
    const known = ['a.lay', 'a.test', 'b.lay']
    expect(namedSteps({ error: { steps: [{ code: 'a.lay', reason: 'cycle' }] } }, '', known)).toEqual([{ code: 'a.lay', reason: 'cycle' }])
    expect(namedSteps({}, 'cycle: a.lay → a.test → a.lay', known).map((s) => s.code)).toEqual(['a.lay', 'a.test'])
    expect(namedSteps(null, 'nothing named', known)).toEqual([])
    expect(namedSteps(null, '工序 a.lay：班组 pipe 需 3 组，超过能力 2；工序 b.lay：紧前工序 x 不存在', known)).toEqual([
      { code: 'a.lay', reason: '工序 a.lay：班组 pipe 需 3 组，超过能力 2' },
      { code: 'b.lay', reason: '工序 b.lay：紧前工序 x 不存在' },
    ])
  })
})

describe('the household works grid', () => {
  const cell = (dwellingId: number, stairwell: number, floor: number, room: string, status: GridCell['status'] = 'not_started'): GridCell => ({
    dwellingId,
    stairwell,
    floor,
    room,
    status,
    by: null,
    teamId: null,
  })

  it('puts floors top first and stairwell × room position in columns', () => {
    const g = gridLayout([cell(1, 1, 1, '101', 'done'), cell(2, 1, 1, '102'), cell(3, 1, 2, '201', 'in_progress'), cell(4, 2, 1, '101', 'declined'), cell(5, 1, 2, '202')])
    expect(g.floors).toEqual([2, 1])
    expect(g.columns.map((c) => c.key)).toEqual(['1-01', '1-02', '2-01'])
    expect(g.cells.get('2/1-01')?.dwellingId).toBe(3)
    expect(g.cells.get('1/2-01')?.dwellingId).toBe(4)
    expect(g.cells.get('2/2-01')).toBeUndefined()
    expect(g.counts).toEqual({ not_started: 2, in_progress: 1, done: 1, declined: 1 })
  })

  it('ranks rooms that are not numbered by floor', () => {
    const g = gridLayout([cell(1, 1, 3, 'A'), cell(2, 1, 3, 'B')])
    expect(g.columns.map((c) => c.label)).toEqual(['1', '2'])
  })

  it('rates with two decimals: 830 of 1186 is 69.98 %', () => {
    expect(ratePercent(830, 1186)).toBe(69.98)
    expect(percentText(69.98)).toBe('69.98%')
    expect(percentText(70)).toBe('70.00%')
    expect(ratePercent(0, 0)).toBe(0)
  })
})

describe('progress and seasons', () => {
  it('keeps an item without a report at 0, marked, never hidden', () => {
    expect(progressBars([{ label: 'a', percent: 40, reported: true }, { label: 'b', percent: 55, reported: false }])).toEqual([
      { label: 'a', percent: 40, reported: true },
      { label: 'b', percent: 0, reported: false },
    ])
    expect(weightSum({ a: 600, b: 400 })).toBe(1000)
  })

  it('lists an import refusal by row', () => {
    expect(importErrors({ errors: [{ row: 3, field: 'percent', message: '超出 0–100' }, '文件为空'] })).toEqual(['#3 percent：超出 0–100', '文件为空'])
    expect(importErrors({ error: { reason: 'x' } })).toEqual([])
  })

  it('checks MM-DD days and builds the seasons body', () => {
    expect(['11-15', '02-29', '12-31'].every(isMonthDay)).toBe(true)
    expect(['2-1', '13-01', '02-30', '04-31', '00-10'].some(isMonthDay)).toBe(false)
    expect(
      seasonsInput({ heating: { on: true, from: '11-15', to: '03-15' }, frost: { on: false, from: '12-01', to: '02-28' }, examDays: ['06-08', '06-07', '06-07'] }),
    ).toEqual({ heating: { from: '11-15', to: '03-15' }, frost: null, examDays: ['06-07', '06-08'] })
  })
})
