// The construction API (docs/construction.md): step templates, a project's steps and crews, the
// schedule run with its baseline, alerts, and a region's seasons.
import { http, type RequestOptions } from '../client'
import type { Alert, Baseline, Schedule, ScheduleRun, Seasons, SeasonsInput, StepInput, StepSet, StepTemplate, Crews } from './types'

const base = (id: number) => `/projects/${id}`

export async function listTemplates(itemCode?: string): Promise<StepTemplate[]> {
  return (await http.get<{ items: StepTemplate[] }>('/step-templates', { itemCode })).items
}

export function getSteps(id: number): Promise<StepSet> {
  return http.get<StepSet>(`${base(id)}/steps`)
}

/** A proposal from the templates of the project's items; nothing is stored. */
export async function generateSteps(id: number, estateIds?: number[]): Promise<StepInput[]> {
  return (await http.post<{ steps: StepInput[] }>(`${base(id)}/steps/generate`, estateIds?.length ? { estateIds } : {})).steps
}

/** Silent: the editor shows a 422 (construction.invalid_steps) next to the steps it names. */
export function saveSteps(id: number, steps: StepInput[], crews?: Crews, opts: RequestOptions = { silent: true }): Promise<StepSet> {
  return http.post<StepSet>(`${base(id)}/steps`, crews ? { steps, crews } : { steps }, opts)
}

export function runSchedule(id: number, body: ScheduleRun): Promise<Schedule> {
  return http.post<Schedule>(`${base(id)}/schedule`, body)
}

/** The current schedule, or null when none was run yet (404 construction.no_schedule). */
export async function getSchedule(id: number): Promise<Schedule | null> {
  try {
    return await http.get<Schedule>(`${base(id)}/schedule`, undefined, { silent: true })
  } catch (e) {
    if ((e as { status?: number }).status === 404) return null
    throw e
  }
}

export function saveBaseline(id: number): Promise<Baseline> {
  return http.post<Baseline>(`${base(id)}/baseline`)
}

export async function listAlerts(id: number): Promise<Alert[]> {
  return (await http.get<{ items: Alert[] }>(`${base(id)}/alerts`)).items
}

export async function listRegionAlerts(regionCode?: string): Promise<Alert[]> {
  return (await http.get<{ items: Alert[] }>('/construction/alerts', { regionCode })).items
}

export function getSeasons(regionCode: string): Promise<Seasons> {
  return http.get<Seasons>(`/calendar/seasons/${regionCode}`)
}

export function putSeasons(regionCode: string, body: SeasonsInput): Promise<Seasons> {
  return http.put<Seasons>(`/calendar/seasons/${regionCode}`, body)
}
