import { http } from '../client'
import type { Building, BuildingInput } from './types'

export async function listBuildings(estateId: number): Promise<Building[]> {
  return (await http.get<{ items: Building[] }>(`/estates/${estateId}/buildings`)).items
}

export function getBuilding(id: number): Promise<Building> {
  return http.get<Building>(`/buildings/${id}`)
}

export function createBuilding(estateId: number, body: BuildingInput): Promise<Building> {
  return http.post<Building>(`/estates/${estateId}/buildings`, body)
}

export function updateBuilding(id: number, patch: BuildingInput): Promise<Building> {
  return http.patch<Building>(`/buildings/${id}`, patch)
}

export function deleteBuilding(id: number): Promise<void> {
  return http.delete<void>(`/buildings/${id}`)
}
