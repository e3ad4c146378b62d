// Shapes of the assessment API (src/http/openapi/assessment.json; docs/assessment.md).
export type KpiCode = 'start_rate' | 'completion_rate' | 'fund_execution' | 'satisfaction' | 'ticket_compliance' | 'rectification_days'

export interface Kpi {
  kpi: KpiCode
  name: string
  value: number | null
  unit: 'percent' | 'working_days'
  formula: string
  inputs: Record<string, number>
}
export interface KpiRow {
  code: string
  name: string
  kpis: Kpi[]
}
export interface KpiReport {
  regionCode: string
  regionName: string
  year: number
  total: KpiRow
  streets: KpiRow[]
  departments: { department: string; name: string; task: string; kpis: Kpi[] }[]
}
export interface Duty {
  department: string
  nameZh: string
  nameEn: string
  task: string
  kpis: KpiCode[]
}
export interface DutyMatrix {
  regionCode: string
  isDefault: boolean
  updatedAt: string | null
  duties: Duty[]
}
export interface MeetingAction {
  id: number
  meetingId: number
  text: string
  owner: string
  deadline: string
  status: 'open' | 'done' | 'overdue'
  doneOn: string | null
}
export interface JointMeeting {
  id: number
  regionCode: string
  heldOn: string
  title: string
  attendees: string[]
  minutes: string
  actions: MeetingAction[]
  createdAt: string
  updatedAt: string
}
export interface MeetingActionInput {
  text: string
  owner: string
  deadline: string
  status?: 'open' | 'done'
}
export interface JointMeetingInput {
  regionCode?: string
  heldOn: string
  title: string
  attendees?: string[]
  minutes?: string
  actions?: MeetingActionInput[]
}
export interface IndicatorScore {
  code: string
  group: string
  name: string
  maxPoints: number
  mode: 'entered' | 'computed' | 'none'
  points: number | null
  kpi: KpiCode | null
  kpiValue: number | null
  note: string
}
export interface AnnualEvaluation {
  regionCode: string
  regionName: string
  year: number
  boundary: 'upper' | 'lower'
  total: number
  grade: string
  gradeName: string
  groups: { code: string; name: string }[]
  indicators: IndicatorScore[]
}
