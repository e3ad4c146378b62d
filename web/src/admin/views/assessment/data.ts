// Formatting of assessment values (docs/assessment.md): rates in percent with two decimals, the
// closure time in working days, no value as a dash.
import type { Kpi } from '@/shared/api/assessment/types'

export function kpiText(k: Kpi, days: (n: string) => string): string {
  if (k.value === null) return '—'
  const v = k.value.toFixed(2)
  return k.unit === 'working_days' ? days(v) : `${v}%`
}

export function inputsText(k: Kpi): string {
  return Object.entries(k.inputs)
    .map(([name, v]) => `${name} = ${v}`)
    .join('，')
}

export function thisMonth(now = new Date()): string {
  const bj = new Date(now.getTime() + 8 * 3600 * 1000)
  return bj.toISOString().slice(0, 7)
}
