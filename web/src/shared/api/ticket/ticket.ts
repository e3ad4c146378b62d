// The resident-ticket API (docs/ticket.md): the public filing and follow-up by code (no login),
// and the staff's queue, transitions, merge, figures and building contacts.
import { API_BASE, http, type RequestOptions } from '../client'
import type { Page } from '../types'
import type { BuildingContact, ContactRole, PublicTicket, Ticket, TicketCategory, TicketFigures, TicketInput, TicketQuery, TicketReceipt, TicketStatus } from './types'

// ---- public (residents, no account) ---------------------------------------------------------

export async function listTicketCategories(): Promise<TicketCategory[]> {
  return (await http.get<{ items: TicketCategory[] }>('/public/ticket-categories')).items
}

export function uploadTicketPhoto(file: Blob, name: string, estateId?: number): Promise<{ id: number }> {
  const form = new FormData()
  form.append('file', file, name)
  const query = estateId ? `?estateId=${estateId}` : ''
  return http.post<{ id: number }>(`/public/ticket-photos${query}`, form)
}

export function fileTicket(body: TicketInput): Promise<TicketReceipt> {
  return http.post<TicketReceipt>('/public/tickets', body)
}

/** Silent: the follow-up page says "no such ticket" itself. */
export function followTicket(code: string, opts: RequestOptions = { silent: true }): Promise<PublicTicket> {
  return http.get<PublicTicket>(`/public/tickets/${encodeURIComponent(code)}`, undefined, opts)
}

export function rateTicket(code: string, rating: number, comment?: string): Promise<PublicTicket> {
  return http.post<PublicTicket>(`/public/tickets/${encodeURIComponent(code)}/rating`, comment ? { rating, comment } : { rating })
}

export function reopenTicket(code: string, reason: string): Promise<PublicTicket> {
  return http.post<PublicTicket>(`/public/tickets/${encodeURIComponent(code)}/reopen`, { reason })
}

/** The residents' view of an estate's contacts: `key` is the stairwell key from the board's QR code. */
export async function listEstateContacts(estateId: number, key: string): Promise<BuildingContact[]> {
  return (await http.get<{ items: BuildingContact[] }>(`/public/estates/${estateId}/contacts`, { key })).items
}

// ---- staff ----------------------------------------------------------------------------------

/** Staff's view of an estate's contacts (every phone) and the residents' link for the stairwell board. */
export function listStaffContacts(estateId: number): Promise<{ items: BuildingContact[]; residentUrl: string }> {
  return http.get<{ items: BuildingContact[]; residentUrl: string }>(`/estates/${estateId}/contacts`)
}

/** The print-ready stairwell board of an estate's contacts (opened in a new tab). */
export function contactsBoardUrl(estateId: number): string {
  return `${API_BASE}/estates/${estateId}/contacts/board`
}

/** One page of the queue, newest first, with how many match in all. */
export function listTickets(q: TicketQuery = {}): Promise<Page<Ticket>> {
  return http.get<Page<Ticket>>('/tickets', {
    status: q.status || undefined,
    category: q.category || undefined,
    regionCode: q.regionCode || undefined,
    overdue: q.overdue || undefined,
    page: q.page,
    pageSize: q.pageSize,
  })
}

export function getTicket(id: number): Promise<Ticket> {
  return http.get<Ticket>(`/tickets/${id}`)
}

export function moveTicket(id: number, to: TicketStatus, note?: string): Promise<Ticket> {
  return http.post<Ticket>(`/tickets/${id}/transitions`, note ? { to, note } : { to })
}

export function mergeTicket(id: number, keptId: number, note?: string): Promise<Ticket> {
  return http.post<Ticket>(`/tickets/${id}/merge`, note ? { keptId, note } : { keptId })
}

export function getTicketFigures(q: { regionCode?: string; from?: string; to?: string } = {}): Promise<TicketFigures> {
  return http.get<TicketFigures>('/ticket-figures', { regionCode: q.regionCode || undefined, from: q.from || undefined, to: q.to || undefined })
}

export async function setBuildingContact(buildingId: number, role: ContactRole, body: { name: string; phone: string; phonePublic?: boolean }): Promise<BuildingContact[]> {
  return (await http.put<{ items: BuildingContact[] }>(`/buildings/${buildingId}/contacts/${role}`, body)).items
}
