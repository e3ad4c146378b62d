// Pure helpers of the acceptance pages (unit-tested in acceptance.test.ts): the warranty's
// colour by days left, the punch-list gate the API applies (so the form says why before it
// sends), and the participants' rows of the form turned into the API's list.
import type { TagType } from '../supervision/data'
import {
  PARTICIPANT_ROLES,
  REQUIRED_ROLES,
  type Participant,
  type ParticipantRole,
  type PunchItemInput,
  type PunchStatus,
  type Warranty,
} from '@/shared/api/acceptance/types'

/** Days left at or under which a running warranty is shown as near its end. */
export const NEAR_EXPIRY_DAYS = 90

export type WarrantyState = 'expired' | 'near' | 'running'

export function warrantyState(w: Pick<Warranty, 'running' | 'daysLeft'>): WarrantyState {
  if (!w.running || w.daysLeft <= 0) return 'expired'
  return w.daysLeft <= NEAR_EXPIRY_DAYS ? 'near' : 'running'
}

export function warrantyTagType(w: Pick<Warranty, 'running' | 'daysLeft'>): TagType {
  return { expired: 'danger', near: 'warning', running: 'success' }[warrantyState(w)] as TagType
}

/** One row of the punch list as the form edits it: a stored entry (`id`) or a new one. */
export interface PunchRow {
  id?: number
  description: string
  status: PunchStatus
  waiverReason: string
}

export interface PunchGate {
  open: PunchRow[]
  waivedWithoutReason: PunchRow[]
  passes: boolean
}

/** The API's rule: every entry resolved, or waived with a reason (422 otherwise). */
export function punchGate(rows: readonly PunchRow[]): PunchGate {
  const open = rows.filter((r) => r.status === 'open')
  const waivedWithoutReason = rows.filter((r) => r.status === 'waived' && !r.waiverReason.trim())
  return { open, waivedWithoutReason, passes: open.length === 0 && waivedWithoutReason.length === 0 }
}

/** The rows as the API takes them: stored ones by id, new ones with their description. */
export function punchInput(rows: readonly PunchRow[]): PunchItemInput[] {
  return rows
    .filter((r) => r.id !== undefined || r.description.trim())
    .map((r) => ({
      ...(r.id !== undefined ? { id: r.id } : { description: r.description.trim() }),
      status: r.status,
      ...(r.status === 'waived' ? { waiverReason: r.waiverReason.trim() } : {}),
    }))
}

export interface ParticipantRow {
  role: ParticipantRole
  name: string
  representative: string
}

/** One empty row per role, in the order of the form (建设单位 first). */
export function participantRows(): ParticipantRow[] {
  return PARTICIPANT_ROLES.map((role) => ({ role, name: '', representative: '' }))
}

/** The rows filled in, as the API takes them. */
export function participantsInput(rows: readonly ParticipantRow[]): Participant[] {
  return rows
    .filter((r) => r.name.trim())
    .map((r) => ({ role: r.role, name: r.name.trim(), ...(r.representative.trim() ? { representative: r.representative.trim() } : {}) }))
}

/** The required roles left without a name. */
export function missingRoles(rows: readonly ParticipantRow[]): ParticipantRole[] {
  const named = new Set(rows.filter((r) => r.name.trim()).map((r) => r.role))
  return REQUIRED_ROLES.filter((r) => !named.has(r))
}

/** Points and maximum of the scored checklist (5 per criterion), as the API counts them. */
export function checklistPoints(items: readonly { scores: Record<string, number> }[]): { points: number; maxPoints: number } {
  const values = items.flatMap((i) => Object.values(i.scores))
  return { points: values.reduce((a, b) => a + b, 0), maxPoints: values.length * 5 }
}
