// Rules of the lift cost-sharing calculator (加装电梯费用分摊), kept out of the page and
// unit-tested. Money goes to the server in fen, parsed from the typed yuan without floating
// point (shared/utils/money.ts); coefficients stay decimal strings as the contract wants them.
import type { LiftShareInput, LiftShareRow } from '@/shared/api/consultation-types'
import { parseYuanResult, type YuanError } from '@/shared/utils/money'

/** Floors that pay nothing unless changed (REFERENCE §3.2, the Guangzhou Dongpu example). */
export const DEFAULT_EXEMPT_FLOORS = [1, 2]

/** A coefficient as the contract accepts it: up to three digits, up to three decimals. */
export const COEFFICIENT_PATTERN = /^[0-9]{1,3}(\.[0-9]{1,3})?$/

/**
 * The server's default coefficient of a floor (Dongpu example: 3F 0.7, +0.1 per floor), as a
 * decimal string computed in tenths ("0.7", "1.0", "1.7"); null below the third floor, which the
 * default table leaves out (exempt there).
 */
export function defaultCoefficient(floor: number): string | null {
  if (!Number.isInteger(floor) || floor < 3) return null
  const tenths = floor + 4
  return `${Math.floor(tenths / 10)}.${tenths % 10}`
}

export function isCoefficient(text: string): boolean {
  return COEFFICIENT_PATTERN.test(text.trim())
}

export interface LiftShareForm {
  buildingId: number | null
  stairwell: number | null
  totalCost: string
  subsidy: string
  compensation: string
  exemptFloors: number[]
  /** Floor → typed coefficient; empty means the default table's value. */
  coefficients: Record<number, string>
}

export function emptyLiftShareForm(): LiftShareForm {
  return { buildingId: null, stairwell: null, totalCost: '', subsidy: '', compensation: '', exemptFloors: [...DEFAULT_EXEMPT_FLOORS], coefficients: {} }
}

export type LiftShareProblem =
  | { field: 'building' | 'stairwell' }
  | { field: 'totalCost' | 'subsidy' | 'compensation'; error: YuanError | 'zero' | 'subsidy_above_total' }
  | { field: 'coefficient'; floor: number; missing?: boolean }

/**
 * The request for a form, or what is wrong with it. When no coefficient is typed the table is
 * left to the server (its default); once one is typed, every paying floor of the building is
 * sent, the untyped ones with the default value shown in the table, so the table on the screen
 * is exactly the table used.
 */
export function liftShareRequest(form: LiftShareForm, floors: number): { body: LiftShareInput | null; problems: LiftShareProblem[] } {
  const problems: LiftShareProblem[] = []
  if (!form.buildingId) problems.push({ field: 'building' })
  if (!form.stairwell) problems.push({ field: 'stairwell' })

  const money = (field: 'totalCost' | 'subsidy' | 'compensation', optional: boolean): number | null => {
    const r = parseYuanResult(form[field])
    if (r.ok) return r.fen
    if (r.error === 'empty' && optional) return 0
    problems.push({ field, error: r.error })
    return null
  }
  const totalCost = money('totalCost', false)
  const subsidy = money('subsidy', true)
  const compensation = money('compensation', true)
  if (totalCost === 0) problems.push({ field: 'totalCost', error: 'zero' })
  else if (totalCost !== null && subsidy !== null && subsidy > totalCost) problems.push({ field: 'subsidy', error: 'subsidy_above_total' })

  const exempt = new Set(form.exemptFloors)
  const typed = Object.entries(form.coefficients)
    .map(([floor, text]) => [Number(floor), (text ?? '').trim()] as const)
    .filter(([floor, text]) => text !== '' && !exempt.has(floor))
  for (const [floor, text] of typed) if (!isCoefficient(text)) problems.push({ field: 'coefficient', floor })
  // The default table starts at the third floor: a paying floor below it needs a typed value
  // (the server would otherwise treat it as exempt without saying so).
  for (let floor = 1; floor <= floors; floor++) {
    if (!exempt.has(floor) && !defaultCoefficient(floor) && !(form.coefficients[floor] ?? '').trim()) {
      problems.push({ field: 'coefficient', floor, missing: true })
    }
  }

  let coefficients: Record<string, string> | undefined
  if (typed.length) {
    coefficients = {}
    for (let floor = 1; floor <= floors; floor++) {
      if (exempt.has(floor)) continue
      const text = (form.coefficients[floor] ?? '').trim() || defaultCoefficient(floor)
      if (text) coefficients[String(floor)] = text
    }
  }

  if (problems.length) return { body: null, problems }
  const body: LiftShareInput = {
    buildingId: form.buildingId!,
    stairwell: form.stairwell!,
    totalCost: totalCost!,
    subsidy: subsidy!,
    compensation: compensation!,
    exemptFloors: [...exempt].sort((a, b) => a - b),
  }
  if (coefficients) body.coefficients = coefficients
  return { body, problems }
}

export interface LiftShareTotals {
  area: number
  share: number
  compensation: number
  dwellings: number
  paying: number
}

/** Column sums of the result, in integers (area in hundredths of m² to stay exact). */
export function liftShareTotals(rows: LiftShareRow[]): LiftShareTotals {
  let areaHundredths = 0
  let share = 0
  let compensation = 0
  let paying = 0
  for (const r of rows) {
    areaHundredths += Math.round(r.area * 100)
    share += r.share
    compensation += r.compensation
    if (!r.exempt) paying++
  }
  return { area: areaHundredths / 100, share, compensation, dwellings: rows.length, paying }
}
