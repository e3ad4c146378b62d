// The stewardship API (docs/stewardship.md): an estate's management mode, committee, property
// contract, fee bills, payments and collection rate, fee sources, maintenance fund and utility
// transfers. Money is integer fen except the fee standard (yuan per m² per month, two decimals).
import { http } from '../client'

export type Mode = 'property_company' | 'hosting' | 'self_management' | 'red_steward'

export interface ModeRecord {
  id: number
  mode: Mode
  consultationId: number | null
  company: string
  feePerM2Month: number | null
  feeFenPerM2Month: number | null
  startedOn: string
  endedOn: string | null
}
export interface CommitteeMember {
  name: string
  role: string
  phone?: string | null
}
export interface Committee {
  kind: 'owners_committee' | 'management_committee'
  termStart: string
  termEnd: string
  consultationId: number | null
  members: CommitteeMember[]
}
export interface Contract {
  company: string
  uscc: string
  termStart: string
  termEnd: string
  feePerM2Month: number
  feeFenPerM2Month: number
  billing: 'monthly' | 'yearly'
  services: string[]
}
export interface FeeSourceEntry {
  id: number
  source: 'government_reward' | 'market_income' | 'resident_fees'
  amount: number
  on: string
  note: string
}
export interface FundEntry {
  id: number
  kind: 'initial' | 'raise' | 'use'
  amount: number
  on: string
  purpose: string
  consultationId: number | null
}
export interface UtilityTransfer {
  network: string
  status: 'pending' | 'agreed' | 'transferred'
  on: string | null
  utility: string
}
export interface Management {
  estateId: number
  estateName: string
  mode: ModeRecord | null
  history: ModeRecord[]
  committee: Committee | null
  contract: Contract | null
  feeSources: { items: FeeSourceEntry[]; totals: Record<string, number> }
  fund: { balance: number; exclusiveArea: number; initialMinimum: number; entries: FundEntry[] }
  utilities: UtilityTransfer[]
}
export interface FeeBill {
  id: number
  dwellingId: number
  buildingNumber: string
  room: string
  period: string
  exclusiveArea: number
  amount: number
  paid: number
  owed: number
}
export interface Fees {
  period: string | null
  bills: number
  billed: number
  paid: number
  owed: number
  collectionRate: number
  items: FeeBill[]
}

const base = (id: number) => `/estates/${id}`

export const getManagement = (id: number) => http.get<Management>(`${base(id)}/management`)
export const putManagement = (id: number, body: { mode: Mode; consultationId?: number | null; company?: string; feePerM2Month?: string }) =>
  http.put<Management>(`${base(id)}/management`, body)
export const putCommittee = (id: number, body: Omit<Committee, 'consultationId'> & { consultationId?: number | null }) =>
  http.put<Management>(`${base(id)}/committee`, body)
export const putContract = (
  id: number,
  body: { company: string; uscc?: string; termStart: string; termEnd: string; feePerM2Month: string; billing: string; services: string[] },
) => http.put<Management>(`${base(id)}/property-contract`, body)
export const getFees = (id: number, period?: string) => http.get<Fees>(`${base(id)}/fees`, period ? { period } : {})
export const runBills = (id: number, period: string) =>
  http.post<{ period: string; created: number; existing: number; createdAmount: number }>(`${base(id)}/fees/bill-runs`, { period })
export const payBill = (id: number, billId: number, amount: number) => http.post(`${base(id)}/fees/payments`, { billId, amount })
export const addFeeSource = (id: number, body: { source: string; amount: number; on: string; note?: string }) =>
  http.post<FeeSourceEntry>(`${base(id)}/fee-sources`, body)
export const addFundEntry = (id: number, body: { kind: string; amount: number; on: string; purpose?: string; consultationId?: number | null }) =>
  http.post<FundEntry>(`${base(id)}/maintenance-fund/entries`, body)
export const putUtility = (id: number, network: string, body: { status: string; on?: string | null; utility?: string }) =>
  http.put<UtilityTransfer>(`${base(id)}/utility-transfers/${network}`, body)

/** Yuan text ("1234.50") → fen, exactly; null for anything else. */
export function yuanToFen(text: string): number | null {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!m) return null
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'))
}
/** Fen → "1234.50". */
export function fenToYuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const a = Math.abs(fen)
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`
}
