// Region codes are prefixes of their descendants (ARCHITECTURE.md §1): 2 digits province, 4 city,
// 6 county, 9 street, 12 community; a grid extends its community's code.

const LEVEL_LENGTHS = [2, 4, 6, 9, 12]

/**
 * The codes from `root` (inclusive; '' = the provinces) down to `code`, derived from the code's
 * structure. Used when the server's path for a region is not at hand. Returns [] when `code`
 * is not under `root`.
 */
export function prefixPath(code: string, root = ''): string[] {
  if (!code || !code.startsWith(root)) return []
  const path = LEVEL_LENGTHS.filter((n) => n < code.length && n >= root.length).map((n) =>
    code.slice(0, n),
  )
  if (root && path[0] !== root) path.unshift(root)
  path.push(code)
  return [...new Set(path)]
}
