// Areas are m² with at most two decimals (CONVENTIONS: area as m² with two decimals).

/** "85.37", "1,234.50"; empty for a missing value. */
export function formatArea(value: number | null | undefined, locale = 'zh-CN'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return ''
  return value.toLocaleString(locale === 'en-US' ? 'en-US' : 'zh-CN', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  })
}

/** True when `value` has no more than two decimals (what the server accepts). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && Math.abs(Math.round(value * 100) - value * 100) < 1e-6
}
