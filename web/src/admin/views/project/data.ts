// Rules of the project pages kept out of the .vue files (unit-tested in project.test.ts): money
// between the API's yuan numbers and fen, the extension-cap gauge's colours, status tags, the
// gates' documents, the funds chart's series and the region a package of estates lies in.
import { formatFen, parseYuan } from '@/shared/utils/money'
import { STATUSES, type Breach, type DocumentKind, type FundKind, type PoolReason, type ProjectStatus, type SourceFigures } from '@/shared/api/project/types'

export { STATUSES }

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

// ---- money -----------------------------------------------------------------------------------

/** Yuan as the API sends them (8871.5) → whole fen (887150), rounding away the float's noise. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100)
}

/** Whole fen → the number the API takes (at most two decimals, exact in JSON: 1234.56). */
export function fenToYuan(fen: number): number {
  return fen / 100
}

/** An API amount as text with two decimals and separators: 1234.5 → "1,234.50"; '' for null. */
export function formatYuan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return ''
  return formatFen(yuanToFen(yuan))
}

/** An API amount in 万元 with two decimals: 88710000 → "8,871.00". */
export function formatWan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || !Number.isFinite(yuan)) return ''
  // 1 万元 = 1 000 000 fen; round half up to the hundredth of a 万元 (100 yuan).
  const fen = yuanToFen(yuan)
  return formatFen(Math.round(fen / 10_000))
}

/** Typed yuan ("1,234.5") → the API's number (1234.5), or null when not an accepted amount. */
export function parseYuanInput(text: string | null | undefined): number | null {
  const fen = parseYuan(text)
  return fen === null ? null : fenToYuan(fen)
}

/** A rate (%, two decimals) as text, or '—' when there is none (nothing received, no plan). */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined || !Number.isFinite(rate) ? '—' : `${rate.toFixed(2)}%`
}

// ---- the extension cap gauge ------------------------------------------------------------------

export const GAUGE_COLORS = { ok: '#67c23a', near: '#e6a23c', over: '#f56c6c', none: '#c0c4cc' } as const
export type GaugeLevel = keyof typeof GAUGE_COLORS

/**
 * How the extension share stands against its cap: `over` above the cap (the cap itself is
 * allowed), `near` from 80 % of the cap, `ok` below, `none` when there is no share yet.
 */
export function gaugeLevel(share: number | null | undefined, cap: number): GaugeLevel {
  if (share === null || share === undefined || !Number.isFinite(share)) return 'none'
  // Compare in hundredths so 15.00 against a 15 % cap is exactly at the cap, not over it.
  const s = Math.round(share * 100)
  const c = Math.round(cap * 100)
  if (s > c) return 'over'
  if (s * 10 >= c * 8) return 'near'
  return 'ok'
}

export function gaugeColor(share: number | null | undefined, cap: number): string {
  return GAUGE_COLORS[gaugeLevel(share, cap)]
}

/** The gauge's scale: at least twice the cap, so the cap sits mid-dial, and above the share. */
export function gaugeMax(share: number | null | undefined, cap: number): number {
  const top = Math.max(cap * 2, share ?? 0, 1)
  return Math.ceil(top / 5) * 5
}

// ---- statuses and gates ------------------------------------------------------------------------

const STATUS_TAG: Record<ProjectStatus, TagType> = {
  reserve: 'info',
  planned: 'primary',
  approved: 'primary',
  designed: 'primary',
  tendered: 'primary',
  permitted: 'warning',
  started: 'warning',
  completed: 'success',
  accepted: 'success',
  handed_over: 'success',
}
export function statusTagType(s: string): TagType {
  return STATUS_TAG[s as ProjectStatus] ?? 'info'
}

export function statusIndex(s: string): number {
  return STATUSES.indexOf(s as ProjectStatus)
}

/** The documents each step asks for (core/project/gates.hpp), for the documents tab. */
export const GATE_DOCUMENTS: Array<{ gate: ProjectStatus; kinds: DocumentKind[] }> = [
  { gate: 'planned', kinds: ['willingness_consent'] },
  { gate: 'approved', kinds: ['joint_review_opinion', 'feasibility_report'] },
  { gate: 'designed', kinds: ['construction_design'] },
  { gate: 'tendered', kinds: ['tender_result'] },
  { gate: 'permitted', kinds: ['construction_permit'] },
  { gate: 'started', kinds: ['start_order'] },
  { gate: 'completed', kinds: ['completion_report'] },
  { gate: 'accepted', kinds: ['acceptance_record'] },
  { gate: 'handed_over', kinds: ['handover_record'] },
]

// ---- budget ----------------------------------------------------------------------------------

/** Breaches by line id (0: the project's totals). */
export function breachesByLine(breaches: Breach[] | null | undefined): Map<number, Breach[]> {
  const out = new Map<number, Breach[]>()
  for (const b of breaches ?? []) {
    const list = out.get(b.lineId) ?? []
    list.push(b)
    out.set(b.lineId, list)
  }
  return out
}

// ---- funds -----------------------------------------------------------------------------------

export const FUND_KIND_ORDER: FundKind[] = ['committed', 'received', 'paid']

/**
 * The stacked bar chart of a project's (or region's) money: one bar per kind (committed,
 * received, paid), stacked by source; sources with no money at all are left out.
 */
export function fundSeries(bySource: SourceFigures[] | null | undefined): Array<{ source: string; name: string; data: number[] }> {
  return (bySource ?? [])
    .filter((s) => FUND_KIND_ORDER.some((k) => (s[k] ?? 0) !== 0))
    .map((s) => ({ source: s.source, name: s.sourceName || s.source, data: FUND_KIND_ORDER.map((k) => s[k] ?? 0) }))
}

/** A fixed colour per source, so a source keeps its colour across charts and pages. */
export const SOURCE_COLORS: Record<string, string> = {
  central_subsidy: '#c23531',
  provincial: '#e6a23c',
  local_fiscal: '#409eff',
  special_bond: '#2f4554',
  utility: '#61a0a8',
  resident: '#67c23a',
  maintenance_fund: '#91c7ae',
  public_income: '#d48265',
  social_capital: '#749f83',
  donation: '#ca8622',
  provident_fund: '#6e7074',
}

// ---- regions ---------------------------------------------------------------------------------

const LEVEL_LENGTHS = [12, 9, 6, 4, 2]

/**
 * The region a package of estates lies in: the longest common prefix of their codes cut to a
 * whole region level (community 12, street 9, county 6, city 4, province 2); '' if none.
 */
export function commonRegion(codes: string[]): string {
  const list = codes.filter(Boolean)
  if (!list.length) return ''
  let prefix = list[0]
  for (const c of list.slice(1)) {
    let i = 0
    while (i < prefix.length && i < c.length && prefix[i] === c[i]) i++
    prefix = prefix.slice(0, i)
  }
  const n = LEVEL_LENGTHS.find((len) => len <= prefix.length)
  return n === undefined ? '' : prefix.slice(0, n)
}

/** A pool reason as text (the server may send text, or {code, text}). */
export function reasonText(r: PoolReason): string {
  if (typeof r === 'string') return r
  return r.text ?? r.name ?? r.code ?? ''
}

/** Today's date in Beijing as 'YYYY-MM-DD'. */
export function todayBeijing(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}
