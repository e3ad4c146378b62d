import { download, http } from '../client'
import type { Page } from '../types'
import type { EligibilityDetail, Estate, EstateInput, EstateQuery, EstateSummary } from './types'

export function listEstates(query: EstateQuery = {}): Promise<Page<Estate>> {
  return http.get<Page<Estate>>('/estates', { ...query })
}

export function getEstate(id: number): Promise<Estate> {
  return http.get<Estate>(`/estates/${id}`)
}

export function createEstate(body: EstateInput): Promise<Estate> {
  return http.post<Estate>('/estates', body)
}

/** Only the fields given change. */
export function updateEstate(id: number, patch: EstateInput): Promise<Estate> {
  return http.patch<Estate>(`/estates/${id}`, patch)
}

export function deleteEstate(id: number): Promise<void> {
  return http.delete<void>(`/estates/${id}`)
}

export function getEstateSummary(id: number): Promise<EstateSummary> {
  return http.get<EstateSummary>(`/estates/${id}/summary`)
}

export function getEstateEligibility(id: number): Promise<EligibilityDetail> {
  return http.get<EligibilityDetail>(`/estates/${id}/eligibility`)
}

/** Saves estates.xlsx for the same filters as the list (every page). */
export function exportEstates(query: Omit<EstateQuery, 'page' | 'pageSize'> = {}): Promise<string> {
  return download('/estates.xlsx', { ...query }, 'estates.xlsx')
}
