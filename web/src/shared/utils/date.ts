// Times are stored and sent as UTC ISO 8601 and shown in Asia/Shanghai (ARCHITECTURE.md §4).
// China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for the
// programme's dates; Intl is still used for display so the browser's own zone never leaks in.

export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

const formatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: DISPLAY_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
})

/** "2026-03-01 08:30:00" in Shanghai time; '' for an empty or unparsable input. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const parts: Record<string, string> = {}
  for (const p of formatter.formatToParts(date)) parts[p.type] = p.value
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`
}

function parseDay(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** First second of a Shanghai calendar day, as UTC ISO: '2026-03-01' → '2026-02-28T16:00:00Z'. */
export function shanghaiDayStartUtc(day: string): string {
  return isoSeconds(parseDay(day) - SHANGHAI_OFFSET_MS)
}

/** Last second of a Shanghai calendar day, as UTC ISO: '2026-03-01' → '2026-03-01T15:59:59Z'. */
export function shanghaiDayEndUtc(day: string): string {
  return isoSeconds(parseDay(day) - SHANGHAI_OFFSET_MS + 24 * 60 * 60 * 1000 - 1000)
}

/** The calendar year in Shanghai at `now`: 2026-12-31T16:00:00Z is already 2027 there. */
export function shanghaiYear(now: Date = new Date()): number {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).getUTCFullYear()
}

/** The calendar day in Shanghai at `now`, 'YYYY-MM-DD'. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10)
}
