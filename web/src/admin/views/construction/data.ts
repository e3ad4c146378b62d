// Pure helpers of the construction pages (unit-tested in construction.test.ts): calendar days,
// the Gantt chart's rows and bars, the household-works grid, steps between the API's shapes and
// the editor's, and the steps a refused save names.
import type { GridCell, HouseholdStatus, Schedule, ScheduledStep, Step, StepInput } from '@/shared/api/construction/types'

const DAY_MS = 86_400_000

function dayMs(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

/** Calendar days from `from` to `to` ('2026-03-01' → '2026-03-03' is 2). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / DAY_MS)
}

/** The day `n` calendar days after `day`. */
export function addDays(day: string, n: number): string {
  return new Date(dayMs(day) + n * DAY_MS).toISOString().slice(0, 10)
}

// ---- the Gantt chart ------------------------------------------------------------------------

/** One row of the chart: the step's bar in days from the schedule's start (end exclusive). */
export interface GanttBar {
  row: number
  code: string
  name: string
  start: number
  end: number
  critical: boolean
  boundBy: ScheduledStep['boundBy']
  boundRef: string | null
  startOn: string
  endOn: string
  /** The baseline's bar, when a baseline was saved. */
  baseline: { start: number; end: number; startOn: string; endOn: string } | null
  delayDays: number | null
}

export interface GanttModel {
  /** Row labels, top to bottom. */
  labels: string[]
  bars: GanttBar[]
  /** Days the axis spans (the schedule and its baseline). */
  days: number
  /** Day of 31 December of the start year (end exclusive: the first day after it), when inside the axis. */
  yearEnd: number | null
}

/**
 * The chart of a schedule: one row per step ordered by start (then code), each bar from its
 * first to its last day inclusive; baseline bars on the same rows.
 */
export function ganttModel(schedule: Pick<Schedule, 'startOn' | 'endOn' | 'steps'>): GanttModel {
  const origin = schedule.startOn
  const steps = [...schedule.steps].sort((a, b) => a.startOn.localeCompare(b.startOn) || a.code.localeCompare(b.code))
  let days = daysBetween(origin, schedule.endOn) + 1
  const bars = steps.map((s, row): GanttBar => {
    const start = daysBetween(origin, s.startOn)
    const end = daysBetween(origin, s.endOn) + 1
    days = Math.max(days, end)
    let baseline: GanttBar['baseline'] = null
    if (s.baselineStartOn && s.baselineEndOn) {
      baseline = {
        start: daysBetween(origin, s.baselineStartOn),
        end: daysBetween(origin, s.baselineEndOn) + 1,
        startOn: s.baselineStartOn,
        endOn: s.baselineEndOn,
      }
      days = Math.max(days, baseline.end)
    }
    return {
      row,
      code: s.code,
      name: s.name,
      start,
      end,
      critical: s.critical,
      boundBy: s.boundBy,
      boundRef: s.boundRef ?? null,
      startOn: s.startOn,
      endOn: s.endOn,
      baseline,
      delayDays: s.delayDays ?? null,
    }
  })
  const yearEnd = daysBetween(origin, `${origin.slice(0, 4)}-12-31`) + 1
  return {
    labels: bars.map((b) => (b.name ? `${b.name} (${b.code})` : b.code)),
    bars,
    days,
    yearEnd: yearEnd > 0 && yearEnd < days ? yearEnd : null,
  }
}

/** Steps later than their baseline, most delayed first. */
export function delayedSteps(steps: ScheduledStep[]): ScheduledStep[] {
  return steps.filter((s) => (s.delayDays ?? 0) > 0).sort((a, b) => (b.delayDays ?? 0) - (a.delayDays ?? 0))
}

/** How far the schedule is above its lower bound, as a percentage with two decimals. */
export function gapPercent(makespan: number, lowerBound: number): number {
  if (lowerBound <= 0) return 0
  return Math.round(((makespan - lowerBound) / lowerBound) * 10_000) / 100
}

// ---- steps between the API and the editor ---------------------------------------------------

/** The editor's list from the stored steps: the generated openings left out (the server adds them). */
export function toInputs(steps: Step[]): StepInput[] {
  return steps.filter((s) => !s.generated).map((s) => normaliseInput(s))
}

/** A step as POST /steps wants it: absent optional parts left out, no stray fields. */
export function normaliseInput(s: StepInput): StepInput {
  const out: StepInput = {
    code: s.code.trim(),
    name: s.name.trim(),
    durationDays: s.durationDays,
    crew: { type: s.crew.type, count: s.crew.count },
    predecessors: s.predecessors.map((p) => ({ code: p.code, type: p.type, lagDays: p.lagDays })),
  }
  if (s.itemCode) out.itemCode = s.itemCode
  if (s.estateId) out.estateId = s.estateId
  if (s.trench?.segment && s.trench.utility) {
    out.trench = { segment: s.trench.segment, utility: s.trench.utility }
    if (s.trench.split) out.trench.split = true
  }
  if (s.disruption?.kind) out.disruption = { kind: s.disruption.kind, buildingIds: [...s.disruption.buildingIds] }
  if (s.window) out.window = s.window
  return out
}

/** Crew needs per type: the largest crew any step asks for (the least capacity that schedules). */
export function crewNeeds(steps: StepInput[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const s of steps) out[s.crew.type] = Math.max(out[s.crew.type] ?? 0, s.crew.count)
  return out
}

/** Capacities to run with: the saved ones, then at least each type's need. */
export function crewsFor(steps: StepInput[], saved: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = { ...saved }
  for (const [type, need] of Object.entries(crewNeeds(steps))) out[type] = Math.max(out[type] ?? 0, need)
  return out
}

/**
 * The steps a refused save names (422 construction.invalid_steps): from a list in the answer
 * (`steps`, `errors`, `invalid`: codes or {code|step, reason|message}) and from the codes its
 * detail mentions. Each with its reason where the answer gave one.
 */
export function namedSteps(body: unknown, detail: string, known: string[]): { code: string; reason: string }[] {
  const found = new Map<string, string>()
  const root = (body ?? {}) as Record<string, unknown>
  const err = (root.error ?? {}) as Record<string, unknown>
  for (const list of [root.steps, root.errors, root.invalid, err.steps, err.errors]) {
    if (!Array.isArray(list)) continue
    for (const entry of list) {
      if (typeof entry === 'string') found.set(entry, found.get(entry) ?? '')
      else if (entry && typeof entry === 'object') {
        const e = entry as Record<string, unknown>
        const code = String(e.code ?? e.step ?? e.stepCode ?? '')
        if (code) found.set(code, String(e.reason ?? e.message ?? ''))
      }
    }
  }
  // The detail lists one problem per step, "工序 A：…；工序 B：…": each named step gets its part.
  const parts = detail.split(/[；;]/).map((p) => p.trim()).filter(Boolean)
  for (const code of known) {
    if (found.has(code) || !code) continue
    const escaped = code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    const re = new RegExp(`(^|[^A-Za-z0-9_.:-])${escaped}($|[^A-Za-z0-9_:-])`)
    const mine = parts.filter((p) => re.test(p))
    if (mine.length) found.set(code, mine.length < parts.length ? mine.join('；') : '')
  }
  return [...found].map(([code, reason]) => ({ code, reason }))
}

// ---- household works grid -------------------------------------------------------------------

export interface GridColumn {
  key: string
  stairwell: number
  /** The room's number within its floor ('01' of 301), or its rank when rooms are not numbered so. */
  label: string
}

export interface GridLayout {
  /** Top floor first. */
  floors: number[]
  columns: GridColumn[]
  /** Cells by `${floor}/${column key}`. */
  cells: Map<string, GridCell>
  counts: Record<HouseholdStatus, number>
}

function roomSuffix(cell: GridCell, rank: number): string {
  const f = String(cell.floor)
  if (/^\d+$/.test(cell.room) && cell.room.length > f.length && cell.room.startsWith(f)) return cell.room.slice(f.length)
  return String(rank + 1)
}

/** A building's dwellings as a grid: rows are floors (top first), columns stairwell × room position. */
export function gridLayout(items: GridCell[]): GridLayout {
  const counts: Record<HouseholdStatus, number> = { not_started: 0, in_progress: 0, done: 0, declined: 0 }
  const byFloor = new Map<string, GridCell[]>()
  for (const c of items) {
    counts[c.status] = (counts[c.status] ?? 0) + 1
    const k = `${c.stairwell}/${c.floor}`
    const list = byFloor.get(k) ?? []
    list.push(c)
    byFloor.set(k, list)
  }
  const columns = new Map<string, GridColumn>()
  const cells = new Map<string, GridCell>()
  for (const list of byFloor.values()) {
    list.sort((a, b) => a.room.localeCompare(b.room, undefined, { numeric: true }))
    list.forEach((c, rank) => {
      const label = roomSuffix(c, rank)
      const key = `${c.stairwell}-${label}`
      if (!columns.has(key)) columns.set(key, { key, stairwell: c.stairwell, label })
      cells.set(`${c.floor}/${key}`, c)
    })
  }
  const floors = [...new Set(items.map((c) => c.floor))].sort((a, b) => b - a)
  const sorted = [...columns.values()].sort((a, b) => a.stairwell - b.stairwell || a.label.localeCompare(b.label, undefined, { numeric: true }))
  return { floors, columns: sorted, cells, counts }
}

export const STATUS_COLORS: Record<HouseholdStatus, string> = {
  not_started: '#e4e7ed',
  in_progress: '#f3d19e',
  done: '#95d475',
  declined: '#fab6b6',
}

/** "830/1186" and 69.98: the rate with two decimals (the server's when given). */
export function ratePercent(done: number, total: number): number {
  if (total <= 0) return 0
  return Math.round((done / total) * 10_000) / 100
}

/** Percent with two decimals as text: 69.98 → "69.98%", 70 → "70.00%". */
export function percentText(p: number | null | undefined): string {
  return p === null || p === undefined ? '—' : `${p.toFixed(2)}%`
}

// ---- progress ---------------------------------------------------------------------------------

/** Roll-up rows as chart bars: every row kept; one with no report at 0 and marked as such. */
export function progressBars(rows: { label: string; percent: number; reported: boolean }[]) {
  return rows.map((r) => ({ label: r.label, reported: r.reported, percent: r.reported ? Math.max(0, Math.min(100, r.percent)) : 0 }))
}

/** Sum of the weights in permille (1000 when they cover the whole project). */
export function weightSum(weights: Record<string, number>): number {
  return Object.values(weights).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0)
}

/** Row errors of a refused import (422): `errors` / `rows` as strings or {row, message}. */
export function importErrors(body: unknown): string[] {
  const root = (body ?? {}) as Record<string, unknown>
  const err = (root.error ?? {}) as Record<string, unknown>
  for (const list of [root.errors, root.rows, err.errors, err.rows]) {
    if (!Array.isArray(list)) continue
    return list.map((e) => {
      if (typeof e === 'string') return e
      const o = (e ?? {}) as Record<string, unknown>
      const where = [o.row !== undefined ? `#${o.row}` : '', o.field ?? o.column ?? ''].filter(Boolean).join(' ')
      return [where, String(o.message ?? o.reason ?? '')].filter(Boolean).join('：')
    })
  }
  return []
}

// ---- seasons --------------------------------------------------------------------------------

/** "MM-DD" of a real day of a leap year ("02-29" allowed, "02-30" not). */
export function isMonthDay(v: string): boolean {
  const m = /^(\d{2})-(\d{2})$/.exec(v)
  if (!m) return false
  const month = Number(m[1])
  const day = Number(m[2])
  const last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
  return last !== undefined && day >= 1 && day <= last
}

type WindowForm = { on: boolean; from: string; to: string }

/** The PUT body of the seasons form: a window switched off is null; exam days sorted, once each. */
export function seasonsInput(f: { heating: WindowForm; frost: WindowForm; examDays: string[] }) {
  const w = (x: WindowForm) => (x.on ? { from: x.from, to: x.to } : null)
  return { heating: w(f.heating), frost: w(f.frost), examDays: [...new Set(f.examDays)].sort() }
}

/** Codes the server keeps for the openings it generates (open:/backfill:/resurface:<segment>). */
export const isGeneratedCode = (code: string) => /^(open|backfill|resurface):/.test(code)

/**
 * A proposal as the editor keeps it: without the generated openings (the server adds them from
 * the trench steps and refuses them in a save). Links to them stay: a road's paving after its
 * trench's resurfacing is how the server keeps "dig once, then pave".
 */
export function withoutOpenings(steps: StepInput[]): StepInput[] {
  return steps.filter((s) => !isGeneratedCode(s.code))
}
