// Programme statistics (docs/project.md): figures per region and year, and the upward report.
import { download, http } from '../client'
import type { Programme } from './types'

export function getProgramme(query: { regionCode?: string; year?: number | null }): Promise<Programme> {
  return http.get<Programme>('/stats/programme', { ...query })
}

export function downloadProgramme(query: { regionCode?: string; year?: number | null }): Promise<string> {
  return download('/stats/programme.xlsx', { ...query }, `programme-${query.year ?? ''}.xlsx`)
}
