// Figures as the public pages show them: money comes in fen (integers) and is read in yuan or,
// for programme totals, in 万元 (ten thousand yuan); rates come as percents with two decimals
// (45.67) or null when their denominator is 0.
import { formatFen } from '../utils/money'

/** 123456789 fen → "1,234,567.89" (yuan, two decimals); '' for a missing value. */
export function fenToYuan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined) return ''
  return formatFen(fen)
}

/**
 * Fen → 万元 with two decimals, rounded half up on the exact integer: 123456789 fen
 * (1,234,567.89 yuan) → "123.46". Integer arithmetic only (1 万元 = 1,000,000 fen).
 */
export function fenToWan(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return ''
  const negative = fen < 0
  const hundredths = wanHundredths(Math.abs(fen))
  const whole = String(Math.floor(hundredths / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative && hundredths > 0 ? '-' : ''}${whole}.${String(hundredths % 100).padStart(2, '0')}`
}

/** Whole hundredths of 万元 in a non-negative fen amount, half up (0.01 万元 = 10,000 fen). */
function wanHundredths(abs: number): number {
  return Math.floor(abs / 10_000) + (abs % 10_000 >= 5_000 ? 1 : 0)
}

/** Fen → 万元 as a number for charts, rounded like fenToWan: 123456789 → 123.46; 0 when missing. */
export function fenToWanValue(fen: number | null | undefined): number {
  if (fen === null || fen === undefined || !Number.isSafeInteger(fen)) return 0
  const h = wanHundredths(Math.abs(fen))
  return (fen < 0 ? -h : h) / 100
}

/** 45.67 → "45.67%"; '—' for null (a rate with no denominator). */
export function percent(rate: number | null | undefined, digits = 2): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return `${rate.toFixed(digits)}%`
}

/** Share of a part in a whole as a percent 0..100 (rounded to one decimal); 0 when the whole is 0. */
export function share(part: number, whole: number): number {
  if (!whole) return 0
  return Math.round((part / whole) * 1000) / 10
}

/**
 * Overdue is not a status the API sends: an order not closed whose due day (YYYY-MM-DD) is before
 * `today` (the Shanghai calendar day). Dates in this form compare as strings.
 */
export function isOverdue(r: { status: string; dueOn: string }, today: string): boolean {
  return r.status !== 'closed' && r.dueOn < today
}
