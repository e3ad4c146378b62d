// The roster import's states and how a server answer (direct or a job's result) maps onto them.
import type { ImportReport } from '@/shared/api/register/types'
import type { Job } from '@/shared/api/types'

export type Stage = 'idle' | 'uploading' | 'running' | 'errors' | 'done' | 'failed'

export interface Failure {
  message: string
  detail?: string
  hint?: string
}

export type Outcome =
  | { stage: 'done'; report: ImportReport }
  | { stage: 'errors'; report: ImportReport }
  | { stage: 'failed'; failure: Failure | null }

/** An import answer body (200 or 422, direct or a job's result) → what the page shows. */
export function outcomeOf(body: unknown): Outcome {
  const report = (body && typeof body === 'object' ? body : null) as ImportReport | null
  if (report && Array.isArray(report.errors) && report.errors.length) return { stage: 'errors', report }
  if (report && !report.error && typeof report.created === 'number') return { stage: 'done', report }
  const e = report?.error
  return { stage: 'failed', failure: e?.message ? { message: e.message, detail: e.detail, hint: e.hint } : null }
}

/** A finished job → outcome; null while it is still queued or running. */
export function jobOutcome(job: Job<ImportReport>): Outcome | null {
  if (job.state === 'queued' || job.state === 'running') return null
  return outcomeOf(job.result)
}

const PHASE_KEYS = ['register.import.phaseReading', 'register.import.phaseValidating', 'register.import.phaseWriting']

/** i18n key of an import job's phase (0 reading, 1 validating, 2 writing). */
export function phaseKey(job: Pick<Job, 'state' | 'phase'> | null): string {
  if (!job || job.state === 'queued') return 'register.import.queued'
  return PHASE_KEYS[job.phase] ?? PHASE_KEYS[0]
}

/**
 * Overall progress 0–100: each of the three phases is a third, filled by done/total within it.
 * (Reading has no row count yet; it shows as the start of the bar.)
 */
export function percent(job: Pick<Job, 'state' | 'phase' | 'done' | 'total'> | null): number {
  if (!job || job.state === 'queued') return 0
  if (job.state === 'succeeded' || job.state === 'failed') return 100
  const phase = Math.min(Math.max(job.phase, 0), 2)
  const within = job.total > 0 ? Math.min(job.done / job.total, 1) : 0
  return Math.round(((phase + within) / 3) * 100)
}

/** Accepts what the server reads: .xlsx, .csv (and .txt as CSV). */
export function isRosterFile(name: string): boolean {
  return /\.(xlsx|csv|txt)$/i.test(name)
}

export const POLL_INTERVAL_MS = 400
