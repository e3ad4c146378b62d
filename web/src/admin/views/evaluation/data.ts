// Pure helpers of the evaluation pages (unit-tested in evaluation.test.ts): reading a score as the
// API does (at most two decimals, 0 up to the item's maximum) in hundredths, the live total and
// grade of the entry form (the same bands as the server: highest first, the lowest catches the
// rest), and the periods of the rankings page.
import type { ScorecardBand, ScorecardItem } from '@/shared/api/evaluation/types'

/** A score text in hundredths, or null when it is not 0–max with at most two decimals. */
export function parseScore(text: string | number | null | undefined, maxPoints: number): number | null {
  const s = String(text ?? '').trim()
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(s)
  if (!m) return null
  const v = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
  return v <= Math.round(maxPoints * 100) ? v : null
}

export interface Live {
  total: number // points
  complete: boolean // every item has a valid score
  invalid: string[] // item codes with a bad score
  grade: ScorecardBand | null
}

export function gradeOf(bands: ScorecardBand[], hundredths: number): ScorecardBand | null {
  if (!bands.length) return null
  for (let i = 0; i + 1 < bands.length; i++) {
    const floor = Math.round(bands[i].min * 100)
    if (bands[i].minInclusive ? hundredths >= floor : hundredths > floor) return bands[i]
  }
  return bands[bands.length - 1]
}

export function liveTotal(items: ScorecardItem[], bands: ScorecardBand[], scores: Record<string, string>): Live {
  let sum = 0
  let complete = true
  const invalid: string[] = []
  for (const item of items) {
    const text = scores[item.code]
    if (text === undefined || String(text).trim() === '') {
      complete = false
      continue
    }
    const v = parseScore(text, item.maxPoints)
    if (v === null) {
      invalid.push(item.code)
      complete = false
    } else sum += v
  }
  return { total: sum / 100, complete, invalid, grade: complete ? gradeOf(bands, sum) : null }
}

/** `YYYY-MM` of a date, and the previous month's. */
export function monthOf(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`
}

export function previousMonth(date: Date): string {
  return monthOf(new Date(date.getFullYear(), date.getMonth() - 1, 1))
}

/** The tag colour of a grade code of the default bands. */
export function gradeTagType(code: string): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  return ({ excellent: 'success', good: 'primary', pass: 'warning', poor: 'danger' } as const)[code as 'good'] ?? 'info'
}
