// Shapes of the consultation API (docs/consultation.md, issue #5): consultations, items with
// their rules and voting units, rounds, ballots and receipts, the tally, follow-up work.
// Areas are m² (two decimals), rates percent (two decimals, rounded down), times UTC ISO 8601.
import type { PageQuery } from './types'

export type CatalogCategory = 'basic' | 'improve' | 'upgrade'

/** One entry of the renovation menu (基础类 / 完善类 / 提升类); name in the request language. */
export interface CatalogItem {
  code: string
  category: CatalogCategory
  name: string
}

export type ConsultationKind = 'willingness' | 'menu' | 'plan_approval' | 'formal_decision' | 'management' | 'material_choice'
export type ConsultationState = 'draft' | 'open' | 'closed'
export type LawVersion = 'civil-code-2021' | 'property-law-2007'

/** Civil Code Art. 278 (or Property Law 2007 Art. 76) matter 1–9. */
export type Art278Matter = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9

export interface Art278Rule {
  type: 'art278'
  matter: Art278Matter
}

export type CountBy = 'owners' | 'dwellings'
export type RuleBase = 'all' | 'participants'

/** A configurable rule; fractions as strings like "2/3". */
export interface CustomRule {
  type: 'custom'
  countBy: CountBy
  base: RuleBase
  threshold: string
  inclusive: boolean
  areaThreshold?: string | null
  quorum?: string | null
}

export type Rule = Art278Rule | CustomRule

export type ScopeType = 'estate' | 'building' | 'stairwell'

/** The voting unit as sent: the estate, one building, or one stairwell of a building. */
export interface ScopeInput {
  type: ScopeType
  buildingId?: number
  stairwell?: number
}

/** The voting unit as answered (with the building's number). */
export interface Scope extends ScopeInput {
  buildingNumber?: string
}

export interface ConsultationItemInput {
  title: string
  catalogItemCode?: string | null
  rule: Rule
  scope: ScopeInput
}

export interface ConsultationInput {
  estateId: number
  title: string
  kind: ConsultationKind
  lawVersion?: LawVersion
  items: ConsultationItemInput[]
  opensAt?: string | null
  closesAt?: string | null
}

export interface ConsultationItem {
  id: number
  position: number
  title: string
  catalogItemCode: string | null
  rule: Rule
  scope: Scope
  eligibleDwellings: number
}

export interface Round {
  number: number
  itemIds: number[]
  /** Null: every dwelling of the items' units. */
  dwellingIds: number[] | null
  openedAt: string
}

export interface Consultation {
  id: number
  estateId: number
  estateName: string
  regionCode: string
  title: string
  kind: ConsultationKind
  lawVersion: LawVersion
  state: ConsultationState
  currentRound: number
  opensAt: string | null
  closesAt: string | null
  openedAt: string | null
  closedAt: string | null
  createdAt: string
  updatedAt: string
  items: ConsultationItem[]
  rounds: Round[]
}

/** A row of GET /consultations (the summary may omit items and rounds). */
export type ConsultationSummary = Omit<Consultation, 'items' | 'rounds'> & {
  items?: ConsultationItem[]
  rounds?: Round[]
  itemCount?: number
}

export interface ConsultationQuery extends PageQuery {
  estateId?: number
  state?: ConsultationState
}

export interface NewRoundInput {
  itemIds: number[]
  dwellingIds?: number[]
}

// ---- ballots ---------------------------------------------------------------------------------

export type Choice = 'agree' | 'disagree' | 'abstain'
export type Channel = 'door' | 'paper' | 'online'

export interface BallotInput {
  /** Item id (as a string key) → choice. */
  choices: Record<string, Choice>
  channel: Channel
  evidenceFileId?: number | null
  applyToOwnerDwellings?: boolean
}

export interface ReceiptChoice {
  itemId: number
  choice: Choice
}

export interface Receipt {
  receipt: string
  consultationId: number
  dwellingId: number
  round: number
  castAt: string
  channel: Channel
  choices: ReceiptChoice[]
  /** The dwellings the ballot was recorded for (several with applyToOwnerDwellings). */
  dwellingIds: number[]
}

export interface Ballot {
  dwellingId: number
  itemId: number
  choice: Choice
  round: number
  channel: Channel
  castAt: string
  receipt: string
}

export interface BallotCode {
  dwellingId: number
  buildingNumber: string
  stairwell: number
  floor: number
  room: string
  code: string
}

/** What a ballot code opens: GET /ballot/{code} (resident) and GET …/paper/{code} (staff). */
export interface BallotSheet {
  consultation: {
    id: number
    title: string
    estateName: string
    state: ConsultationState
    closesAt: string | null
    currentRound: number
  }
  dwelling: { id: number; buildingNumber: string; stairwell: number; floor: number; room: string }
  items: Array<{ id: number; title: string; open: boolean; choice: Choice | null }>
  used: boolean
  receipt: string | null
}

/** GET /public/receipts/{code}: no names. */
export interface PublicReceipt {
  receipt: string
  consultationTitle: string
  estateName: string
  round: number
  castAt: string
  channel: Channel
  choices: Array<{ itemId: number; title: string; choice: Choice }>
  counted: boolean
  supersededAt: string | null
}

// ---- tally -----------------------------------------------------------------------------------

export interface Count {
  heads: number
  area: number
  dwellings: number
}

export type ItemVerdict = 'passed' | 'rejected' | 'invalid' | 'open'
export type ProvisionalVerdict = Exclude<ItemVerdict, 'open'>

/** What an agree rate is measured against: the participants (Civil Code) or everyone eligible. */
export type RateBase = 'participants' | 'eligible'
/** How sold dwellings group into owner heads (deployment setting; literal by default). */
export type HeadcountReading = 'literal' | 'transitive'

/** An item's counts and agree rate, over the whole estate or over one building. */
export interface ItemCounts {
  itemId: number
  eligible: Count
  participated: Count
  agree: Count
  disagree: Count
  abstain: Count
  /** Percent, two decimals rounded half up, over the rule's own base (`rateBase`). */
  agreeRate: number
  /** Agreeing area over the base's area, percent. */
  agreeAreaRate?: number
  rateBase?: RateBase
}

export interface TallyItem extends ItemCounts {
  title: string
  round: number
  scope: Scope
  rule: Rule
  /** Percent of everyone eligible (by the rule's measure). */
  participationRate: number
  participationAreaRate?: number
  headcountReading?: HeadcountReading
  quorumMet: boolean
  verdict: ItemVerdict
  provisional: ProvisionalVerdict
  explanation: string
}

export interface BuildingTallyItem extends ItemCounts {
  /** True unless this building's dwellings are the item's whole voting unit. */
  informationOnly?: boolean
  /** Only where informationOnly is false: the item's own verdict. */
  verdict?: ItemVerdict
}

export interface BuildingTally {
  buildingId: number
  number: string
  items: BuildingTallyItem[]
}

export interface RoundTally {
  round: number
  agreeRate: number
  items: Array<{ itemId: number; agreeRate: number; verdict: ItemVerdict }>
}

export interface Tally {
  consultationId: number
  state: ConsultationState
  lawVersion: LawVersion
  headcountReading?: HeadcountReading
  currentRound: number
  round: number
  items: TallyItem[]
  buildings: BuildingTally[]
  rounds: RoundTally[]
  overall: { agree: number; eligible: number; agreeRate: number }
}

// ---- follow-up -------------------------------------------------------------------------------

export type FollowupStatus = 'unreached' | 'against' | 'undecided'
export type VisitOutcome = 'absent' | 'refused' | 'agreed' | 'will_decide'

export interface Visit {
  id: number
  dwellingId: number
  itemId: number | null
  outcome: VisitOutcome
  /** Empty when none. */
  note: string
  at: string
  /** Username of the visitor. */
  by: string
}

export interface Followup {
  dwellingId: number
  buildingId: number
  buildingNumber: string
  stairwell: number
  floor: number
  room: string
  /** Masked. */
  ownerNames: string[] | string
  status: FollowupStatus
  choice: Choice | null
  assignee: { id: number; username: string } | null
  lastVisit: Visit | null
}

export interface FollowupQuery {
  itemId?: number
  status?: FollowupStatus
  assignee?: number
}

export interface VisitInput {
  dwellingId: number
  itemId?: number
  outcome: VisitOutcome
  note?: string
}

// ---- evidence files --------------------------------------------------------------------------

/** An uploaded file (photo or PDF of a signed ballot form): POST …/evidence, GET /files/{id}. */
export interface StoredFile {
  id: number
  name: string
  contentType: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf'
  /** Bytes. */
  size: number
  sha256: string
  createdAt?: string
}

// ---- lift cost sharing -------------------------------------------------------------------------

/** POST /lift-share: money in fen; coefficients floor → decimal string (up to three decimals). */
export interface LiftShareInput {
  buildingId: number
  stairwell: number
  totalCost: number
  subsidy?: number
  compensation?: number
  exemptFloors?: number[]
  coefficients?: Record<string, string>
}

export interface LiftShareRow {
  dwellingId: number
  floor: number
  room: string
  /** m², two decimals. */
  area: number
  /** 0 on exempt floors. */
  coefficient: number
  exempt: boolean
  /** Fen. */
  share: number
  /** Fen received by an exempt dwelling. */
  compensation: number
}

export interface LiftShareResult {
  /** Fen: totalCost − subsidy + compensation = Σ share. */
  amount: number
  totalWeight: number
  shares: LiftShareRow[]
}
