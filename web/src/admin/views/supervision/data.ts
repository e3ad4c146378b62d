// Pure helpers of the supervision pages (unit-tested in supervision.test.ts): an order's
// deadline as the board shows it, the colours of escalation levels and statuses, and the
// attendees typed as one line.
import type { Finding, Inspection, Rectification } from '@/shared/api/supervision/types'
import { daysBetween } from '../construction/data'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'

/** Level 0 grey, 1 (the street office follows up) orange, 2 (the housing bureau) red. */
export function levelTagType(level: number): TagType {
  if (level >= 2) return 'danger'
  if (level === 1) return 'warning'
  return 'info'
}

export function statusTagType(o: Pick<Rectification, 'status' | 'overdue'>): TagType {
  if (o.status === 'closed') return 'success'
  if (o.overdue) return 'danger'
  return o.status === 'replied' ? 'primary' : 'warning'
}

export type Deadline =
  | { kind: 'closed'; on: string }
  | { kind: 'overdue'; days: number }
  | { kind: 'today'; days: 0 }
  | { kind: 'left'; days: number }

/** Where an order stands against its deadline on `today` (Beijing 'YYYY-MM-DD'). */
export function deadline(o: Pick<Rectification, 'status' | 'dueOn' | 'closedOn'>, today: string): Deadline {
  if (o.status === 'closed') return { kind: 'closed', on: o.closedOn ?? '' }
  const days = daysBetween(today, o.dueOn)
  if (days < 0) return { kind: 'overdue', days: -days }
  if (days === 0) return { kind: 'today', days: 0 }
  return { kind: 'left', days }
}

/** An id from the URL's query (`?projectId=4`): a positive whole number, or null. */
export function queryId(v: unknown): number | null {
  return typeof v === 'string' && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : null
}

/** "李建国，王秀英、 刘经理" → the names, trimmed, without blanks. */
export function splitNames(line: string): string[] {
  return line
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
}

/** A finding offered for a new order: the inspection's day and the text, for the picker. */
export interface FindingChoice extends Finding {
  label: string
}

/**
 * The findings of a project's inspections that no order names yet (`findingId`), newest
 * inspection first; each labelled with its inspection day and text.
 */
export function openFindings(inspections: Inspection[], orders: Pick<Rectification, 'findingId'>[]): FindingChoice[] {
  const ordered = new Set(orders.map((o) => o.findingId).filter((id): id is number => id !== null))
  return [...inspections]
    .sort((a, b) => b.inspectedAt.localeCompare(a.inspectedAt))
    .flatMap((i) => i.findings.filter((f) => !ordered.has(f.id)).map((f) => ({ ...f, label: `${i.inspectedAt.slice(0, 10)} · ${f.text}` })))
}
