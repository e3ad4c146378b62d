// Roster import: POST a file as multipart/form-data; the server answers 200/422 at once or 202
// with a job to poll (always, with async=true).
import { download, http } from '../client'
import type { ImportReport } from './types'

export type ImportAnswer = { kind: 'report'; report: ImportReport } | { kind: 'job'; jobId: number }

/**
 * Uploads a roster (.xlsx or .csv). Silent: the import page shows every outcome itself (a 422
 * comes back as an ApiError whose `body` is the ImportReport with its row errors).
 */
export async function importDwellings(estateId: number, file: File, async = true): Promise<ImportAnswer> {
  const form = new FormData()
  form.append('file', file, file.name)
  const body = await http.post<ImportReport | { jobId: number }>(`/estates/${estateId}/dwellings/import`, form, {
    query: async ? { async: true } : undefined,
    silent: true,
  })
  if (body && 'jobId' in body) return { kind: 'job', jobId: body.jobId }
  return { kind: 'report', report: body as ImportReport }
}

/** Saves the import template (.xlsx with examples and a how-to sheet). */
export function downloadImportTemplate(): Promise<string> {
  return download('/import-template.xlsx', undefined, 'import-template.xlsx')
}
