// Shapes of the resident-ticket API (docs/ticket.md, issue #14): filing without an account and
// following by code, the staff queue with routing, response-time targets and transitions,
// duplicates merged, building contacts and the figures. Times are UTC ISO 8601.

export const TICKET_STATUSES = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'rejected'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]

export interface TicketCategory {
  code: string
  name: string
  nameEn: string
  kind: 'opinion' | 'complaint' | 'suggestion' | 'defect'
  target: { amount: number; unit: 'working_hours' | 'working_days' }
}

/** What the resident files (POST /public/tickets). */
export interface TicketInput {
  category: string
  content: string
  estateId?: number
  phone?: string
  photoFileIds?: number[]
}

export interface TicketReceipt {
  code: string
  status: TicketStatus
  dueAt: string
}

/** What a ticket and its holder's view share. */
interface TicketBase {
  code: string
  category: { code: string; name: string }
  status: TicketStatus
  statusName: string
  content: string
  estateId: number | null
  estateName: string
  department: string
  answer: string
  receivedAt: string
  dueAt: string
  resolvedAt: string | null
  overdue: boolean
  rating: number | null
  reopenCount: number
  mergedIntoCode: string | null
}

/** The holder's view (GET /public/tickets/{code}): no phone, no staff names. */
export interface PublicTicket extends TicketBase {
  canRate: boolean
  canReopen: boolean
  history: Array<{ at: string; status: TicketStatus; statusName: string; note: string }>
}

export interface TicketEvent {
  at: string
  from: TicketStatus | null
  to: TicketStatus
  note: string
  by: 'staff' | 'resident' | 'open311'
  byUser: number | null
}

/** The staff's view (queue and detail). */
export interface Ticket extends TicketBase {
  id: number
  regionCode: string
  handlerRegionCode: string
  channel: 'h5' | 'staff' | 'open311'
  phone: string
  address: string
  visitNote: string
  ratingComment: string
  mergedInto: number | null
  updatedAt: string
  history?: TicketEvent[]
  photoFileIds?: number[]
}

export interface TicketQuery {
  status?: TicketStatus | ''
  category?: string
  regionCode?: string
  overdue?: boolean
  page?: number
  pageSize?: number
}

export interface FigureRow {
  key: string
  name: string
  received: number
  solved: number
  solvedRate: number
  medianHours: number | null
  rated: number
  satisfaction: number
  averageRating: number | null
}

export interface TicketFigures {
  total: FigureRow
  byStreet: FigureRow[]
  byCategory: FigureRow[]
}

export const CONTACT_ROLES = ['building_leader', 'grid_worker', 'team_phone'] as const
export type ContactRole = (typeof CONTACT_ROLES)[number]

export interface BuildingContact {
  buildingId: number
  buildingNumber: string
  role: ContactRole
  name: string
  phone: string | null
  phonePublic?: boolean
}
