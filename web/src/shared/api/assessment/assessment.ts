// The assessment API (docs/assessment.md): KPIs with their formulas, the department
// responsibility matrix, joint meetings and action items, the annual evaluation with its
// self-evaluation report, and the monthly upward report.
import { download, http } from '../client'
import type { AnnualEvaluation, Duty, DutyMatrix, JointMeeting, JointMeetingInput, KpiReport, MeetingAction, MeetingActionInput } from './types'

export interface Page<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export function getKpis(query: { regionCode?: string; year?: number | null }): Promise<KpiReport> {
  return http.get<KpiReport>('/assessment/kpis', query)
}

export function getDuties(regionCode?: string): Promise<DutyMatrix> {
  return http.get<DutyMatrix>('/assessment/duties', { regionCode })
}

export function putDuties(regionCode: string | undefined, duties: Duty[]): Promise<DutyMatrix> {
  return http.put<DutyMatrix>(`/assessment/duties${regionCode ? `?regionCode=${regionCode}` : ''}`, { duties })
}

export function listMeetings(query: { regionCode?: string; page?: number; pageSize?: number }): Promise<Page<JointMeeting>> {
  return http.get<Page<JointMeeting>>('/assessment/meetings', query)
}

export function createMeeting(body: JointMeetingInput): Promise<JointMeeting> {
  return http.post<JointMeeting>('/assessment/meetings', body)
}

export function deleteMeeting(id: number): Promise<void> {
  return http.delete<void>(`/assessment/meetings/${id}`)
}

export function addAction(meetingId: number, body: MeetingActionInput): Promise<MeetingAction> {
  return http.post<MeetingAction>(`/assessment/meetings/${meetingId}/actions`, body)
}

export function updateAction(id: number, body: MeetingActionInput): Promise<MeetingAction> {
  return http.put<MeetingAction>(`/assessment/actions/${id}`, body)
}

export function getEvaluation(year: number, regionCode?: string): Promise<AnnualEvaluation> {
  return http.get<AnnualEvaluation>(`/assessment/evaluations/${year}`, { regionCode })
}

export function putScore(
  year: number,
  indicator: string,
  regionCode: string | undefined,
  body: { mode: 'entered' | 'computed'; points?: number; note?: string },
): Promise<AnnualEvaluation> {
  const q = regionCode ? `?regionCode=${regionCode}` : ''
  return http.put<AnnualEvaluation>(`/assessment/evaluations/${year}/scores/${indicator}${q}`, body)
}

export function downloadSelfEvaluation(year: number, kind: 'pdf' | 'xlsx', regionCode?: string): Promise<string> {
  return download(`/assessment/evaluations/${year}/report.${kind}`, { regionCode }, `self-evaluation-${year}.${kind}`)
}

export function downloadMonthly(month: string, regionCode?: string): Promise<string> {
  return download('/assessment/monthly-report.xlsx', { regionCode, month }, `monthly-${month}.xlsx`)
}
