import { http } from '../client'
import type { Page, PageQuery } from '../types'
import type { Dwelling, Owner, OwnerInput } from './types'

export interface OwnerQuery extends PageQuery {
  /** Name or ID number. */
  q?: string
}

export function listOwners(query: OwnerQuery = {}): Promise<Page<Owner>> {
  return http.get<Page<Owner>>('/owners', { ...query })
}

export function createOwner(body: OwnerInput): Promise<Owner> {
  return http.post<Owner>('/owners', body)
}

/** Registers an owner on a dwelling; answers the dwelling with its owners. */
export function linkOwner(dwellingId: number, ownerId: number): Promise<Dwelling> {
  return http.post<Dwelling>(`/dwellings/${dwellingId}/owners`, { ownerId })
}

export function unlinkOwner(dwellingId: number, ownerId: number): Promise<Dwelling> {
  return http.delete<Dwelling>(`/dwellings/${dwellingId}/owners/${ownerId}`)
}
