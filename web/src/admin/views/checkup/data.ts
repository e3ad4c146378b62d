// State and rules of the check-up admin pages, kept out of the .vue files (and unit-tested).
import type {
  Band,
  Campaign,
  CampaignEstate,
  Indicator,
  IndicatorInput,
  IndicatorLevel,
  Rule,
  RuleType,
  Severity,
} from '@/shared/api/checkup-types'
import { SEVERITIES } from '@/shared/api/checkup-types'

export { SEVERITIES }
export const LEVELS: IndicatorLevel[] = ['building', 'dwelling', 'estate']
export const RULE_TYPES: RuleType[] = ['flag', 'bands', 'age_and_condition', 'shortfall', 'below']
export const UNITS = ['m2', 'years', 'count', 'km', 'm2_per_100hh'] as const
export const PAYERS = ['government', 'utility', 'residents'] as const
export const PROBLEM_UNITS = ['栋', '套', '个', '千米', '个(缺口)'] as const
/** Sub-dimensions of the national list: housing (building, dwelling) and estate. */
export const SUB_DIMENSIONS: Record<'housing' | 'estate', string[]> = {
  housing: ['安全耐久', '功能完备', '绿色智能'],
  estate: ['设施完善', '环境宜居', '管理健全'],
}
export const ESTATE_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

const SEVERITY_TAG: Record<Severity, TagType> = { severe: 'danger', larger_hazard: 'warning', hazard: 'primary', problem: 'info' }
export function severityTagType(s: Severity | string | null | undefined): TagType {
  return s ? (SEVERITY_TAG[s as Severity] ?? 'info') : 'success'
}
/** Chart colours per severity, worst first (red, orange, blue, grey). */
export const SEVERITY_COLORS: Record<Severity, string> = {
  severe: '#f56c6c',
  larger_hazard: '#e6a23c',
  hazard: '#409eff',
  problem: '#909399',
}

const STATUS_TAG: Record<string, TagType> = { draft: 'info', submitted: 'warning', returned: 'danger', approved: 'success' }
export function statusTagType(s: string): TagType {
  return STATUS_TAG[s] ?? 'info'
}

export function levelGroup(level: IndicatorLevel): 'housing' | 'estate' {
  return level === 'estate' ? 'estate' : 'housing'
}

export interface IndicatorGroup {
  key: string
  group: 'housing' | 'estate'
  subDimension: string
  indicators: Indicator[]
}

/** Indicators grouped by housing / estate, then sub-dimension, in catalogue order. */
export function groupIndicators(indicators: Indicator[]): IndicatorGroup[] {
  const groups: IndicatorGroup[] = []
  const byKey = new Map<string, IndicatorGroup>()
  const ordered = [...indicators].sort((a, b) => (levelGroup(a.level) === levelGroup(b.level) ? 0 : levelGroup(a.level) === 'housing' ? -1 : 1))
  for (const i of ordered) {
    const group = levelGroup(i.level)
    const key = `${group}/${i.subDimension}`
    let g = byKey.get(key)
    if (!g) {
      g = { key, group, subDimension: i.subDimension, indicators: [] }
      byKey.set(key, g)
      groups.push(g)
    }
    g.indicators.push(i)
  }
  return groups
}

/** Counts of a campaign's estates by status, e.g. {draft: 2, approved: 1}. */
export function statusCounts(c: Pick<Campaign, 'estates'>): Record<string, number> {
  const out: Record<string, number> = {}
  for (const e of c.estates) out[e.status] = (out[e.status] ?? 0) + 1
  return out
}

export function canReview(e: Pick<CampaignEstate, 'status'>): boolean {
  return e.status === 'submitted'
}

export function canAssign(e: Pick<CampaignEstate, 'status'>): boolean {
  return e.status === 'draft' || e.status === 'returned'
}

/** Does a user's scope (region code prefix; '' = everything) cover a region? */
export function scopeCovers(scopeCode: string, regionCode: string): boolean {
  return regionCode.startsWith(scopeCode)
}

/**
 * The region the problem page's roll-up opens on. A user scoped to a county or below gets their
 * own scope: a street office sees its communities, never the county it may not read (issue
 * #11). Wider scopes (the administrator's '', a city) get the county of the campaign shown, the
 * usual roll-up; with no campaign, their own scope ('' = none: the server needs a region).
 */
export function defaultRollupRegion(scopeCode: string, campaignRegion?: string | null): string {
  if (scopeCode.length >= 6) return scopeCode
  const county = (campaignRegion ?? '').slice(0, 6)
  return county.length === 6 && county.startsWith(scopeCode) ? county : scopeCode
}

/** The roll-up's title: it counts by the level below its region (county → streets, …). */
export function rollupTitleKey(regionCode: string): string {
  if (regionCode.length === 6) return 'checkup.problem.byStreet'
  if (regionCode.length === 9) return 'checkup.problem.byCommunity'
  return 'checkup.problem.byChild'
}

// ---- the local indicator form ------------------------------------------------------------

export interface CriterionDraft {
  code: string
  nameZh: string
  nameEn: string
  unit: string
  ruleType: RuleType
  severity: Severity
  bands: { upTo: string; inclusive: boolean; severity: Severity }[]
  lastSeverity: Severity
  minYears: string
  min: string
  suggestedItems: string[]
}

export interface IndicatorDraft {
  code: string
  nameZh: string
  nameEn: string
  level: IndicatorLevel
  subDimension: string
  problemUnit: string
  sumsValues: boolean
  criteria: CriterionDraft[]
}

export function emptyCriterion(code = ''): CriterionDraft {
  return {
    code,
    nameZh: '',
    nameEn: '',
    unit: '',
    ruleType: 'flag',
    severity: 'hazard',
    bands: [{ upTo: '', inclusive: false, severity: 'hazard' }],
    lastSeverity: 'severe',
    minYears: '',
    min: '',
    suggestedItems: [],
  }
}

export function emptyIndicator(): IndicatorDraft {
  return {
    code: '',
    nameZh: '',
    nameEn: '',
    level: 'building',
    subDimension: SUB_DIMENSIONS.housing[0],
    problemUnit: '栋',
    sumsValues: false,
    criteria: [emptyCriterion()],
  }
}

/** The rule a criterion draft describes (decimal bounds as strings, as the server sends them). */
export function draftRule(c: CriterionDraft): Rule {
  switch (c.ruleType) {
    case 'flag':
      return { type: 'flag', severity: c.severity }
    case 'bands': {
      const bands: Band[] = c.bands.map((b) => ({ upTo: b.upTo.trim(), inclusive: b.inclusive, severity: b.severity }))
      bands.push({ severity: c.lastSeverity })
      return { type: 'bands', bands }
    }
    case 'age_and_condition':
      return { type: 'age_and_condition', minYears: c.minYears.trim(), severity: c.severity }
    case 'shortfall':
      return { type: 'shortfall', severity: c.severity }
    case 'below':
      return { type: 'below', min: c.min.trim(), severity: c.severity }
  }
}

/** A flag rule takes no unit; number rules need one. */
export function ruleNeedsUnit(type: RuleType): boolean {
  return type !== 'flag'
}

export function toIndicatorInput(d: IndicatorDraft): IndicatorInput {
  return {
    code: d.code.trim(),
    nameZh: d.nameZh.trim(),
    ...(d.nameEn.trim() ? { nameEn: d.nameEn.trim() } : {}),
    level: d.level,
    subDimension: d.subDimension,
    problemUnit: d.problemUnit,
    sumsValues: d.sumsValues,
    criteria: d.criteria.map((c) => ({
      code: c.code.trim(),
      nameZh: c.nameZh.trim(),
      ...(c.nameEn.trim() ? { nameEn: c.nameEn.trim() } : {}),
      ...(ruleNeedsUnit(c.ruleType) && c.unit ? { unit: c.unit } : {}),
      rule: draftRule(c),
      suggestedItems: c.suggestedItems,
    })),
  }
}
