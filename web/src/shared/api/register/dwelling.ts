import { download, http } from '../client'
import type { Dwelling, DwellingInput, HouseholdInput } from './types'

/** The dwellings of one building, with their owners. */
export async function listDwellings(buildingId: number): Promise<Dwelling[]> {
  return (await http.get<{ items: Dwelling[] }>(`/buildings/${buildingId}/dwellings`)).items
}

/** Every dwelling of an estate, with their owners (for the building → stairwell tree). */
export async function listEstateDwellings(estateId: number): Promise<Dwelling[]> {
  return (await http.get<{ items: Dwelling[] }>(`/estates/${estateId}/dwellings`)).items
}

export function getDwelling(id: number): Promise<Dwelling> {
  return http.get<Dwelling>(`/dwellings/${id}`)
}

export function createDwelling(buildingId: number, body: DwellingInput): Promise<Dwelling> {
  return http.post<Dwelling>(`/buildings/${buildingId}/dwellings`, body)
}

export function updateDwelling(id: number, patch: DwellingInput): Promise<Dwelling> {
  return http.patch<Dwelling>(`/dwellings/${id}`, patch)
}

export function deleteDwelling(id: number): Promise<void> {
  return http.delete<void>(`/dwellings/${id}`)
}

/** Records (or replaces) who lives in the dwelling; answers the dwelling. */
export function setHousehold(id: number, household: HouseholdInput): Promise<Dwelling> {
  return http.put<Dwelling>(`/dwellings/${id}/household`, household)
}

/** Saves the estate's roster (the import template's columns) as .xlsx. */
export function exportDwellings(estateId: number): Promise<string> {
  return download(`/estates/${estateId}/dwellings.xlsx`, undefined, 'dwellings.xlsx')
}
