// Acceptance and warranty (issue #14, docs/acceptance.md; the API's acceptance.json): household
// acceptance with the resident's signature, completion acceptance with its participants, scored
// checklist and punch list, the handover and the warranty clocks.
import type { HouseholdWork } from '../construction/types'

export const PARTICIPANT_ROLES = [
  'client',
  'design',
  'construction',
  'supervision',
  'resident_representative',
  'street',
  'owners_committee',
  'property_company',
] as const
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number]

/** The roles the API requires (422 `acceptance.participant_missing` otherwise). */
export const REQUIRED_ROLES: readonly ParticipantRole[] = ['client', 'design', 'construction', 'supervision', 'resident_representative']

export interface Participant {
  role: ParticipantRole
  name: string
  representative?: string
}

export interface ChecklistEntry {
  itemCode: string
  itemName?: string
  /** Criterion → points 1–5, in the order given. */
  scores: Record<string, number>
}

export type PunchStatus = 'open' | 'resolved' | 'waived'

export interface PunchItem {
  id: number
  source: 'completion' | 'household'
  dwellingId: number | null
  work: string | null
  description: string
  status: PunchStatus
  waiverReason: string
  createdAt: string
  updatedAt: string
}

/** A stored entry by `id` with its new status, or a new one (no `id`) with its description. */
export interface PunchItemInput {
  id?: number
  description?: string
  status: PunchStatus
  waiverReason?: string
}

export interface AcceptanceInput {
  on: string
  participants: Participant[]
  checklist: ChecklistEntry[]
  punchList?: PunchItemInput[]
  note?: string
}

export interface CompletionAcceptance {
  id: number
  on: string
  participants: Participant[]
  checklist: ChecklistEntry[]
  points: number
  maxPoints: number
  percent: number
  note: string
  recordedBy: number
  recordedAt: string
}

export interface Handover {
  on: string
  receiver: string
  note: string
  recordedBy: number
  recordedAt: string
}

export interface HandoverInput {
  on: string
  receiver: string
  note?: string
}

export interface Acceptance {
  projectId: number
  projectName: string
  status: 'pending' | 'accepted' | 'handed_over'
  acceptance: CompletionAcceptance | null
  punchList: PunchItem[]
  handover: Handover | null
}

export interface HouseholdAcceptanceInput {
  work: HouseholdWork
  result: 'accepted' | 'refused'
  signatureFileId?: number | null
  reason?: string
}

export interface HouseholdAcceptance {
  projectId: number
  dwellingId: number
  work: string
  estateId: number
  regionCode: string
  buildingNumber: string
  room: string
  result: 'accepted' | 'refused'
  signatureFileId: number | null
  reason: string
  punchItemId: number | null
  recordedBy: number
  recordedAt: string
}

export type WarrantyKind = 'structure' | 'waterproofing' | 'heating' | 'pipes' | 'equipment' | 'decoration'

export interface Warranty {
  projectId: number
  projectName: string
  itemCode: string
  itemName: string
  kind: WarrantyKind
  from: string
  until: string
  running: boolean
  daysLeft: number
}
