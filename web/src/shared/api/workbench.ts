// The user's work across the contexts, for the admin home page: GET /api/v1/workbench (any
// logged-in user). The server counts in the user's scope and puts a section only for the
// contexts the user may read; each home card (admin/views/<context>/workbench.ts) reads its own.
import { http } from './client'

export interface Workbench {
  /** The user's scope; '' for an administrator (the whole country). */
  regionCode: string
  /** The scope's name; "全国" (or its English) when regionCode is ''. */
  regionName: string
  /** The current year in Beijing time. */
  year: number
  /** One entry per context the user may read, keyed by the context. */
  sections: Record<string, unknown>
}

/** register: estates in scope; eligible, and in the 2001–2005 extension range. */
export interface RegisterWorkbench {
  estates: number
  eligible: number
  extension: number
  buildings: number
  dwellings: number
}

/**
 * checkup: this year's check-ups in scope — estates by status (inProgress = draft or returned,
 * awaitingReview = submitted, approved), the user's assigned estates not yet approved, and the
 * problems found.
 */
export interface CheckupWorkbench {
  year: number
  campaigns: number
  estates: number
  inProgress: number
  awaitingReview: number
  approved: number
  assignedToMe: number
  problems: number
}

/** An open consultation with its participation so far. */
export interface WorkbenchConsultation {
  id: number
  title: string
  estateId: number
  estateName: string
  round: number
  dwellings: number
  participated: number
  /** 0–100, two decimals. */
  participationPercent: number
}

/** consultation: open consultations in scope (up to 5 listed) and follow-ups assigned to me. */
export interface ConsultationWorkbench {
  open: number
  followupsAssignedToMe: number
  consultations: WorkbenchConsultation[]
}

export function getWorkbench(): Promise<Workbench> {
  return http.get<Workbench>('/workbench')
}
