// State and rules of the estate register pages, kept out of the .vue files.
import type { FormItemRule } from 'element-plus'
import type {
  Building,
  Dwelling,
  Estate,
  EstateInput,
  EstateQuery,
  Exclusions,
  Household,
  HouseholdInput,
  Verdict,
} from '@/shared/api/register/types'
import { t } from '@/shared/i18n'
import { hasAtMostTwoDecimals } from '@/shared/utils/area'
import { checkIdNumber, isPhone } from '@/shared/utils/id-number'

// ---- list filters --------------------------------------------------------------------------

export interface EstateFilters {
  q: string
  regionCode: string
  builtFrom: number | null
  builtTo: number | null
  status: string
  eligibility: Verdict | ''
}

export function emptyFilters(): EstateFilters {
  return { q: '', regionCode: '', builtFrom: null, builtTo: null, status: '', eligibility: '' }
}

/** The filters as query parameters (the list and the .xlsx export take the same ones). */
export function filterQuery(f: EstateFilters): Omit<EstateQuery, 'page' | 'pageSize'> {
  return {
    q: f.q.trim() || undefined,
    regionCode: f.regionCode || undefined,
    builtFrom: f.builtFrom ?? undefined,
    builtTo: f.builtTo ?? undefined,
    status: f.status || undefined,
    eligibility: f.eligibility || undefined,
  }
}

export function toQuery(f: EstateFilters, page: number, pageSize: number): EstateQuery {
  return { page, pageSize, ...filterQuery(f) }
}

export const VERDICTS: Verdict[] = ['eligible', 'extension', 'ineligible']

const VERDICT_TAG: Record<Verdict, 'success' | 'warning' | 'danger'> = {
  eligible: 'success',
  extension: 'warning',
  ineligible: 'danger',
}

export function verdictTagType(v: Verdict | string): 'success' | 'warning' | 'danger' | 'info' {
  return VERDICT_TAG[v as Verdict] ?? 'info'
}

const STATUS_TAG: Record<string, 'primary' | 'success' | 'warning' | 'info'> = {
  registered: 'info',
  candidate: 'info',
  planned: 'primary',
  in_progress: 'warning',
  completed: 'success',
  maintained: 'success',
}

export function statusTagType(status: string): 'primary' | 'success' | 'warning' | 'info' {
  return STATUS_TAG[status] ?? 'info'
}

export const EXCLUSION_KEYS: Array<keyof Exclusions> = [
  'selfBuiltArea',
  'urbanVillage',
  'demolitionPlanned',
  'renovatedRecently',
]

// ---- estate form -----------------------------------------------------------------------------

export interface EstateFormState {
  regionCode: string
  name: string
  address: string
  builtYear: number | null
  landArea: number | null
  totalFloorArea: number | null
  ownershipTypes: string[]
  propertyMode: string
  status: string
  exclusions: Exclusions
  lat: number | null
  lng: number | null
}

export function blankEstate(): EstateFormState {
  return {
    regionCode: '',
    name: '',
    address: '',
    builtYear: null,
    landArea: null,
    totalFloorArea: null,
    ownershipTypes: [],
    propertyMode: 'none',
    status: 'registered',
    exclusions: { selfBuiltArea: false, urbanVillage: false, demolitionPlanned: false, renovatedRecently: false },
    lat: null,
    lng: null,
  }
}

export function estateToForm(e: Estate): EstateFormState {
  return {
    regionCode: e.regionCode,
    name: e.name,
    address: e.address,
    builtYear: e.builtYear,
    landArea: e.landArea,
    totalFloorArea: e.totalFloorArea,
    ownershipTypes: [...e.ownershipTypes],
    propertyMode: e.propertyMode,
    status: e.status,
    exclusions: { ...e.exclusions },
    lat: e.lat,
    lng: e.lng,
  }
}

export function formToInput(f: EstateFormState): EstateInput {
  return {
    regionCode: f.regionCode,
    name: f.name.trim(),
    address: f.address.trim(),
    builtYear: f.builtYear ?? undefined,
    landArea: f.landArea,
    totalFloorArea: f.totalFloorArea,
    ownershipTypes: f.ownershipTypes,
    propertyMode: f.propertyMode,
    status: f.status,
    exclusions: { ...f.exclusions },
    lat: f.lat,
    lng: f.lng,
  }
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

/** Only the fields that changed, so the audit log records what the editor meant to change. */
export function estateChanges(before: Estate, f: EstateFormState): EstateInput {
  const next = formToInput(f)
  const prev = formToInput(estateToForm(before))
  const patch: EstateInput = {}
  for (const key of Object.keys(next) as Array<keyof EstateInput>) {
    if (!same(next[key], prev[key])) (patch as Record<string, unknown>)[key] = next[key]
  }
  return patch
}

export function requiredRule(fieldKey: string): FormItemRule {
  return { required: true, message: t('common.validation.required', { field: t(fieldKey) }) }
}

/** A region code of a community: exactly 12 digits (grids extend it, streets are shorter). */
export function isCommunityCode(code: string): boolean {
  return /^\d{12}$/.test(code)
}

export function communityRule(): FormItemRule {
  return {
    validator: (_rule, value: string, callback) =>
      callback(value && !isCommunityCode(value) ? new Error(t('register.estate.communityRequired')) : undefined),
  }
}

/** Positive, at most two decimals; empty allowed unless combined with requiredRule. */
export function areaRule(): FormItemRule {
  return {
    validator: (_rule, value: number | null | undefined, callback) => {
      const bad = value !== null && value !== undefined && (value <= 0 || !hasAtMostTwoDecimals(value))
      callback(bad ? new Error(t('register.dwelling.areaDecimals')) : undefined)
    },
  }
}

/** An 18-character resident ID number with a correct GB 11643 check character. */
export function idNumberRule(): FormItemRule {
  return {
    validator: (_rule, value: string, callback) => {
      const problem = value ? checkIdNumber(value) : null
      const key = problem === 'format' ? 'register.owner.idFormat' : 'register.owner.idCheckChar'
      callback(problem ? new Error(t(key)) : undefined)
    },
  }
}

export function phoneRule(): FormItemRule {
  return {
    validator: (_rule, value: string, callback) =>
      callback(value && !isPhone(value) ? new Error(t('register.owner.phoneInvalid')) : undefined),
  }
}

// ---- households --------------------------------------------------------------------------------

export function blankHousehold(): HouseholdInput {
  return { residents: 1, aged60Plus: 0, disabled: 0, occupancy: 'owner_occupied' }
}

export function householdToForm(h: Household | null): HouseholdInput {
  return h ? { residents: h.residents, aged60Plus: h.aged60Plus, disabled: h.disabled, occupancy: h.occupancy } : blankHousehold()
}

/**
 * What the server refuses (422), checked in the form first: aged 60+ and disabled are among the
 * residents; a vacant dwelling has no residents. Null when fine, else the message key.
 */
export function householdProblem(h: HouseholdInput, field: 'residents' | 'aged60Plus' | 'disabled'): string | null {
  if (field === 'residents') return h.occupancy === 'vacant' && h.residents > 0 ? 'register.household.vacantHasResidents' : null
  return h[field] > h.residents ? 'register.household.notMoreThanResidents' : null
}

/** "3人 · 60岁以上2 · 自住" (disabled only when there are any); a vacant, empty dwelling: "空置". */
export function householdText(h: Household | null, occupancyLabel: (code: string) => string): string {
  if (!h) return t('common.empty')
  const parts: string[] = []
  if (h.occupancy !== 'vacant' || h.residents > 0) {
    parts.push(t('register.household.residentsPart', { n: h.residents }))
    parts.push(t('register.household.aged60PlusPart', { n: h.aged60Plus }))
    if (h.disabled > 0) parts.push(t('register.household.disabledPart', { n: h.disabled }))
  }
  parts.push(occupancyLabel(h.occupancy))
  return parts.join(' · ')
}

// ---- the building → stairwell → dwelling tree --------------------------------------------------

export interface StairwellNode {
  stairwell: number
  dwellings: Dwelling[]
}

export interface BuildingNode {
  building: Building
  stairwells: StairwellNode[]
  dwellingCount: number
}

function compareRooms(a: Dwelling, b: Dwelling): number {
  return a.floor - b.floor || a.room.localeCompare(b.room, 'zh-CN', { numeric: true })
}

function compareNumbers(a: string, b: string): number {
  return a.localeCompare(b, 'zh-CN', { numeric: true })
}

/**
 * Groups an estate's dwellings under their buildings and stairwells: every stairwell the
 * building has (1…n) appears, even empty, plus any stairwell a dwelling names beyond that.
 */
export function buildTree(buildings: Building[], dwellings: Dwelling[]): BuildingNode[] {
  const byBuilding = new Map<number, Dwelling[]>()
  for (const d of dwellings) {
    const list = byBuilding.get(d.buildingId) ?? []
    list.push(d)
    byBuilding.set(d.buildingId, list)
  }
  return [...buildings]
    .sort((a, b) => compareNumbers(a.number, b.number))
    .map((building) => {
      const own = byBuilding.get(building.id) ?? []
      const numbers = new Set<number>()
      for (let i = 1; i <= building.stairwells; i++) numbers.add(i)
      for (const d of own) numbers.add(d.stairwell)
      const stairwells = [...numbers]
        .sort((a, b) => a - b)
        .map((n) => ({ stairwell: n, dwellings: own.filter((d) => d.stairwell === n).sort(compareRooms) }))
      return { building, stairwells, dwellingCount: own.length }
    })
}
