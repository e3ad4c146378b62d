// Pure helpers of the ticket pages (unit-tested in ticket.test.ts): the moves a ticket allows,
// how its response time stands (the queue's colours), and the time left or past as words.
import type { Ticket, TicketStatus } from '@/shared/api/ticket/types'

/** The moves staff may make (core/ticket: any other is 409 ticket.illegal_transition). */
export const NEXT_STATUSES: Record<TicketStatus, TicketStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['in_progress', 'rejected'],
  in_progress: ['resolved'],
  resolved: ['closed'],
  closed: [],
  rejected: [],
}

const SETTLED: TicketStatus[] = ['resolved', 'closed', 'rejected']

/** Less than this left: "due soon" (orange). */
export const SOON_MS = 4 * 3600_000

export type DueState = { kind: 'settled' } | { kind: 'overdue' | 'soon' | 'ok'; ms: number }

/** A ticket against its response time at `now`: settled, overdue (red), due soon (orange) or not. */
export function dueState(t: Pick<Ticket, 'status' | 'dueAt' | 'mergedInto'>, now: number): DueState {
  if (SETTLED.includes(t.status) || t.mergedInto) return { kind: 'settled' }
  const left = Date.parse(t.dueAt) - now
  if (left < 0) return { kind: 'overdue', ms: -left }
  return { kind: left < SOON_MS ? 'soon' : 'ok', ms: left }
}

/** A span as an i18n key of ticket.due and its number: minutes under an hour, hours under two days, else days. */
export function span(ms: number): { key: 'minutes' | 'hours' | 'days'; n: number } {
  const minutes = Math.floor(ms / 60_000)
  if (minutes < 60) return { key: 'minutes', n: minutes }
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return { key: 'hours', n: hours }
  return { key: 'days', n: Math.floor(hours / 24) }
}

/** The tickets a duplicate may be merged into: not itself, not rejected or merged; same estate first. */
export function mergeTargets(all: Ticket[], dup: Ticket): Ticket[] {
  return all
    .filter((t) => t.id !== dup.id && t.status !== 'rejected' && !t.mergedInto)
    .sort((a, b) => Number(b.estateId === dup.estateId) - Number(a.estateId === dup.estateId) || b.id - a.id)
}
