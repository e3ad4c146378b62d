// The project API (docs/project.md): annual plans, the reserve pool, projects with their gates,
// documents, units, budget, funds, resident bills and the resource list.
import { download, http, type RequestOptions } from '../client'
import type {
  BillIssue,
  BillPage,
  Budget,
  BudgetLine,
  BudgetLineInput,
  ChangeOrder,
  ChangeOrderInput,
  DocumentInput,
  FundEntry,
  FundEntryInput,
  Funds,
  Plan,
  PlanInput,
  Project,
  ProjectDocument,
  ProjectInput,
  ProjectQuery,
  ProjectSummary,
  ReservePool,
  Resource,
  ResourceInput,
  Unit,
  UnitInput,
  UnitRole,
} from './types'
import type { Page } from '../types'

const base = (id: number) => `/projects/${id}`

// ---- plans -----------------------------------------------------------------------------------

export async function listPlans(query: { regionCode?: string; year?: number | null } = {}): Promise<Plan[]> {
  return (await http.get<{ items: Plan[] }>('/plans', { ...query })).items
}

export function createPlan(body: PlanInput): Promise<Plan> {
  return http.post<Plan>('/plans', body)
}

export function updatePlan(id: number, body: { targetEstates?: number; targetHouseholds?: number }): Promise<Plan> {
  return http.patch<Plan>(`/plans/${id}`, body)
}

// ---- reserve pool and projects ---------------------------------------------------------------

export function getReservePool(regionCode?: string): Promise<ReservePool> {
  return http.get<ReservePool>('/projects/reserve-pool', { regionCode })
}

export function listProjects(query: ProjectQuery = {}): Promise<Page<ProjectSummary>> {
  return http.get<Page<ProjectSummary>>('/projects', { ...query })
}

export function createProject(body: ProjectInput): Promise<Project> {
  return http.post<Project>('/projects', body)
}

export function getProject(id: number): Promise<Project> {
  return http.get<Project>(base(id))
}

/** Silent: the status tab shows a refused gate (409 project.gate_unmet …) in place. */
export function transition(id: number, to: string, opts: RequestOptions = { silent: true }): Promise<Project> {
  return http.post<Project>(`${base(id)}/transitions`, { to }, opts)
}

// ---- documents and units ---------------------------------------------------------------------

export function addDocument(id: number, body: DocumentInput): Promise<ProjectDocument> {
  return http.post<ProjectDocument>(`${base(id)}/documents`, body)
}

export function uploadDocumentFile(id: number, docId: number, file: File | Blob, name?: string): Promise<ProjectDocument> {
  const form = new FormData()
  if (name !== undefined) form.append('file', file, name)
  else form.append('file', file)
  return http.post<ProjectDocument>(`${base(id)}/documents/${docId}/file`, form)
}

export function deleteDocument(id: number, docId: number): Promise<void> {
  return http.delete<void>(`${base(id)}/documents/${docId}`)
}

/** Silent: the unit form shows 409 project.units_not_separate next to the fields. */
export function putUnit(id: number, role: UnitRole, body: UnitInput): Promise<Unit> {
  return http.put<Unit>(`${base(id)}/units/${role}`, body, { silent: true })
}

// ---- budget ----------------------------------------------------------------------------------

export function getBudget(id: number): Promise<Budget> {
  return http.get<Budget>(`${base(id)}/budget`)
}

export function addBudgetLine(id: number, body: BudgetLineInput): Promise<BudgetLine> {
  return http.post<BudgetLine>(`${base(id)}/budget-items`, body)
}

export function updateBudgetLine(id: number, lineId: number, body: BudgetLineInput): Promise<BudgetLine> {
  return http.patch<BudgetLine>(`${base(id)}/budget-items/${lineId}`, body)
}

export function addChangeOrder(id: number, body: ChangeOrderInput): Promise<ChangeOrder> {
  return http.post<ChangeOrder>(`${base(id)}/change-orders`, body)
}

// ---- funds and bills -------------------------------------------------------------------------

export function getFunds(id: number): Promise<Funds> {
  return http.get<Funds>(`${base(id)}/funds`)
}

export function addFundEntry(id: number, body: FundEntryInput): Promise<FundEntry> {
  return http.post<FundEntry>(`${base(id)}/funds`, body)
}

export function issueBills(id: number, body: { purpose: string; amount: number }): Promise<BillIssue> {
  return http.post<BillIssue>(`${base(id)}/bills`, body)
}

export function listBills(id: number, query: { paid?: boolean; page?: number; pageSize?: number }): Promise<BillPage> {
  return http.get<BillPage>(`${base(id)}/bills`, { ...query })
}

export function markBillPaid(id: number, billId: number, paidOn: string) {
  return http.post<unknown>(`${base(id)}/bills/${billId}/payment`, { paidOn })
}

// ---- resources -------------------------------------------------------------------------------

export async function listResources(query: { regionCode?: string; estateId?: number | null } = {}): Promise<Resource[]> {
  return (await http.get<{ items: Resource[] }>('/resources', { ...query })).items
}

export function addResource(estateId: number, body: ResourceInput): Promise<Resource> {
  return http.post<Resource>(`/estates/${estateId}/resources`, body)
}

export function takeUpResource(projectId: number, resourceId: number): Promise<Resource> {
  return http.post<Resource>(`${base(projectId)}/resources/${resourceId}`)
}

// ---- files -----------------------------------------------------------------------------------

export function downloadFile(fileId: number, name: string): Promise<string> {
  return download(`/files/${fileId}`, undefined, name)
}
