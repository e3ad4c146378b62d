// Shapes of the register API (issue #3): estates, buildings, dwellings, owners, roster import.
// Areas are numbers of m² with at most two decimals; codes come from the closed vocabularies
// served by GET /register/dictionaries.
import type { PageQuery } from '../types'

export type Verdict = 'eligible' | 'extension' | 'ineligible'

export interface EligibilityReason {
  code: string
  /** In the request's language. */
  text: string
}

export interface Eligibility {
  verdict: Verdict
  reasons: EligibilityReason[]
}

export interface Exclusions {
  selfBuiltArea: boolean
  urbanVillage: boolean
  demolitionPlanned: boolean
  renovatedRecently: boolean
}

export interface Estate {
  id: number
  /** The 12-digit community (社区/居委会) the estate belongs to. */
  regionCode: string
  regionName: string
  name: string
  address: string
  builtYear: number
  landArea: number | null
  totalFloorArea: number | null
  ownershipTypes: string[]
  propertyMode: string
  exclusions: Exclusions
  lat: number | null
  lng: number | null
  status: string
  eligibility: Eligibility
  createdAt: string
  updatedAt: string
}

export interface EstateQuery extends PageQuery {
  q?: string
  /** Prefix filter: a street, a community… */
  regionCode?: string
  builtFrom?: number
  builtTo?: number
  status?: string
  eligibility?: Verdict
}

export interface EstateInput {
  regionCode?: string
  name?: string
  address?: string
  builtYear?: number
  landArea?: number | null
  totalFloorArea?: number | null
  ownershipTypes?: string[]
  propertyMode?: string
  status?: string
  exclusions?: Partial<Exclusions>
  lat?: number | null
  lng?: number | null
}

export interface EstateSummary {
  estateId: number
  buildings: number
  stairwells: number
  dwellings: number
  exclusiveArea: number
  /** Owners counted by head (REFERENCE §8: co-owners of a dwelling are one head). */
  ownerHeadcount: number
  /** How owner heads were counted: identical owner sets (literal, default) or transitive merge. */
  ownerHeadcountReading?: 'literal' | 'transitive'
  sold: number
  /** Sold but not delivered: counted with the developer's unsold dwellings as one head. */
  soldUndelivered?: number
  developerUnsold: number
  publicHousing: number
  residential: number
  commercial: number
  dwellingsWithoutOwner: number
  /** Dwellings with a household recorded. */
  householdsRecorded: number
  residents: number
  aged60Plus: number
  disabledResidents: number
}

export interface EligibilityDetail extends Eligibility {
  estateId: number
  policy: { cutoffYear: number; extensionLastYear: number; extensionCap: string }
}

export interface Building {
  id: number
  estateId: number
  number: string
  floors: number
  stairwells: number
  structure: string
  builtYear: number | null
  hasLift: boolean
  heating: string
  createdAt: string
  updatedAt: string
}

export interface BuildingInput {
  number?: string
  floors?: number
  stairwells?: number
  structure?: string
  builtYear?: number | null
  hasLift?: boolean
  heating?: string
}

export interface Owner {
  id: number
  name: string
  /** Masked (3601**********1234) unless the reader may see personal data. */
  idNumber: string
  phone: string | null
  masked: boolean
}

export interface OwnerInput {
  name: string
  idNumber: string
  phone?: string
}

export interface Dwelling {
  id: number
  buildingId: number
  buildingNumber: string
  estateId: number
  stairwell: number
  floor: number
  room: string
  exclusiveArea: number
  areaSource: string
  use: string
  saleStatus: string
  owners: Owner[]
  /** Who lives there; null until recorded. */
  household: Household | null
  createdAt: string
  updatedAt: string
}

export type Occupancy = 'owner_occupied' | 'rented' | 'vacant'

export interface HouseholdInput {
  residents: number
  aged60Plus: number
  disabled: number
  occupancy: Occupancy
}

export interface Household extends HouseholdInput {
  updatedAt: string
}

export interface DwellingInput {
  stairwell?: number
  floor?: number
  room?: string
  exclusiveArea?: number
  areaSource?: string
  use?: string
  saleStatus?: string
}

export interface Choice {
  code: string
  name: string
}

/** The register's closed vocabularies, labelled in the request's language. */
export interface Dictionaries {
  status: Choice[]
  propertyMode: Choice[]
  ownershipTypes: Choice[]
  areaSource: Choice[]
  saleStatus: Choice[]
  use: Choice[]
  occupancy: Choice[]
  structure: Choice[]
  heating: Choice[]
}

export type DictionaryName = keyof Dictionaries

export interface ImportRowError {
  /** As the user sees it in the sheet (header = row 1). */
  row: number
  /** The Chinese column header. */
  column: string
  value: string
  message: string
}

/** The answer of an import: 200 (errors empty) or 422 (errors listed, nothing stored). */
export interface ImportReport {
  created: number
  updated: number
  unchanged: number
  rows: number
  buildingsCreated: number
  ownersCreated: number
  errors: ImportRowError[]
  error?: { reason: string; message: string; detail?: string; hint?: string }
}
