// The big screen's street ranking, from GET /api/v1/rankings?level=street (issue #15; built on
// another branch, so its answer is read defensively): a list or {items: [...]}, each row named by
// `name` (or regionName/streetName) and scored by `score` (or total/value). Rows without a name
// or a finite score are left out; sorted best first, ties by name.

export interface RankingRow {
  name: string
  score: number
}

function pickName(row: Record<string, unknown>): string | null {
  for (const k of ['name', 'regionName', 'streetName', 'estateName']) {
    const v = row[k]
    if (typeof v === 'string' && v.trim()) return v
  }
  return null
}

function pickScore(row: Record<string, unknown>): number | null {
  for (const k of ['score', 'total', 'value', 'average']) {
    const v = row[k]
    const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v
    if (typeof n === 'number' && Number.isFinite(n)) return n
  }
  return null
}

export function normalizeRankings(answer: unknown): RankingRow[] {
  const list = Array.isArray(answer)
    ? answer
    : answer && typeof answer === 'object' && Array.isArray((answer as { items?: unknown }).items)
      ? (answer as { items: unknown[] }).items
      : []
  const rows: RankingRow[] = []
  for (const r of list) {
    if (!r || typeof r !== 'object') continue
    const name = pickName(r as Record<string, unknown>)
    const score = pickScore(r as Record<string, unknown>)
    if (name !== null && score !== null) rows.push({ name, score })
  }
  return rows.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
}
