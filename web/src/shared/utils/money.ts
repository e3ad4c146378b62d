// Money is sent and received in fen (分, integers); people type and read yuan (元). The
// conversion works on the decimal string, never through floating point: "12.34" is 1234 fen
// because "12" and "34" are read as integers, not because 12.34 × 100 happens to round right.
//
// Accepted input (parseYuan):
//   - digits with at most two decimals: "0.1" → 10, "12.34" → 1234, "5." is refused, ".5" → 50;
//   - thousands separators are normalised when they are well placed: "1,234.5" → 123450,
//     "1,234,567" → 123456700; misplaced ones are refused ("12,34", "1,23.4", ",123");
//   - full-width digits, the full-width comma and point (from Chinese IMEs) and surrounding
//     blanks or a leading "¥"/"￥" are tolerated;
//   - refused: more than two decimals ("1.234"), signs ("-1", "+1"), exponents ("1e3"), anything
//     else, and amounts beyond Number.MAX_SAFE_INTEGER fen.

export const MAX_FEN = Number.MAX_SAFE_INTEGER

export type YuanError = 'empty' | 'format' | 'decimals' | 'too_large'

export type YuanResult = { ok: true; fen: number } | { ok: false; error: YuanError }

const FULL_WIDTH = /[０-９，．]/g

function halfWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => (c === '，' ? ',' : c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
}

/** Parses an amount in yuan ("1,234.5") into whole fen (123450), or says why it cannot. */
export function parseYuanResult(input: string | null | undefined): YuanResult {
  let s = halfWidth(String(input ?? '')).trim()
  s = s.replace(/^[¥￥]\s*/, '')
  if (s === '') return { ok: false, error: 'empty' }
  const m = /^(\d{1,3}(?:,\d{3})+|\d*)(?:\.(\d*))?$/.exec(s)
  if (!m) return { ok: false, error: 'format' }
  const whole = m[1].replace(/,/g, '')
  const frac = m[2]
  if (whole === '' && (frac === undefined || frac === '')) return { ok: false, error: 'format' }
  if (frac !== undefined && frac === '') return { ok: false, error: 'format' } // "5."
  if (frac !== undefined && frac.length > 2) return { ok: false, error: 'decimals' }
  const yuanDigits = whole.replace(/^0+(?=\d)/, '') || '0'
  // MAX_SAFE_INTEGER fen has 16 digits; anything longer in yuan is certainly too large.
  if (yuanDigits.length > 14) return { ok: false, error: 'too_large' }
  const fen = Number(yuanDigits) * 100 + Number((frac ?? '').padEnd(2, '0') || '0')
  if (!Number.isSafeInteger(fen) || fen > MAX_FEN) return { ok: false, error: 'too_large' }
  return { ok: true, fen }
}

/** Fen of a yuan amount, or null when the text is not an accepted amount (see above). */
export function parseYuan(input: string | null | undefined): number | null {
  const r = parseYuanResult(input)
  return r.ok ? r.fen : null
}

/** Whole fen → yuan with two decimals and thousands separators: 123450 → "1,234.50". */
export function formatFen(fen: number, opts: { grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) return ''
  const negative = fen < 0
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = abs % 100
  const whole = opts.grouping === false ? String(yuan) : String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`
}
