// The region filter of the public estate list, from the estates themselves (the region tree's
// API needs a login): each estate's county (first 6 digits of its community code) and street
// (first 9), named as the estates name them.

export interface RegionOption {
  code: string
  name: string
  level: 'county' | 'street'
}

export function regionOptions(
  estates: { regionCode: string; county: string | null; street: string | null }[],
): RegionOption[] {
  const byCode = new Map<string, RegionOption>()
  for (const e of estates) {
    if (e.regionCode.length >= 6 && e.county) {
      const code = e.regionCode.slice(0, 6)
      if (!byCode.has(code)) byCode.set(code, { code, name: e.county, level: 'county' })
    }
    if (e.regionCode.length >= 9 && e.street) {
      const code = e.regionCode.slice(0, 9)
      if (!byCode.has(code)) byCode.set(code, { code, name: e.street, level: 'street' })
    }
  }
  // A county, then its streets, by code.
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code))
}

/** Case-insensitive match of a search text against the estate's name, address and community. */
export function matchesSearch(e: { name: string; address: string; community: string }, text: string): boolean {
  const q = text.trim().toLowerCase()
  if (!q) return true
  return [e.name, e.address, e.community].some((s) => s.toLowerCase().includes(q))
}
