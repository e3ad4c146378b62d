// State and rules of the consultation pages, kept out of the .vue files (and unit-tested).
import type {
  Art278Matter,
  CatalogCategory,
  CatalogItem,
  Choice,
  ConsultationItem,
  ConsultationItemInput,
  ConsultationKind,
  ConsultationQuery,
  ConsultationState,
  CountBy,
  FollowupStatus,
  ItemVerdict,
  LawVersion,
  RateBase,
  Rule,
  RuleBase,
  Scope,
  ScopeType,
  Tally,
  VisitOutcome,
} from '@/shared/api/consultation-types'
import { t } from '@/shared/i18n'

export const KINDS: ConsultationKind[] = ['willingness', 'menu', 'plan_approval', 'formal_decision', 'management', 'material_choice']
export const STATES: ConsultationState[] = ['draft', 'open', 'closed']
export const LAW_VERSIONS: LawVersion[] = ['civil-code-2021', 'property-law-2007']
export const MATTERS: Art278Matter[] = [1, 2, 3, 4, 5, 6, 7, 8, 9]
export const CATEGORIES: CatalogCategory[] = ['basic', 'improve', 'upgrade']
export const CHOICES: Choice[] = ['agree', 'disagree', 'abstain']
export const FOLLOWUP_STATUSES: FollowupStatus[] = ['unreached', 'against', 'undecided']
export const VISIT_OUTCOMES: VisitOutcome[] = ['absent', 'refused', 'agreed', 'will_decide']

/** Largest evidence file the server takes (10 MiB); checked before uploading. */
export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

/** A file size for people: "980 B", "12.3 KB", "10.5 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

type TagType = 'primary' | 'success' | 'warning' | 'info' | 'danger'

const STATE_TAG: Record<ConsultationState, TagType> = { draft: 'info', open: 'primary', closed: 'success' }
export function stateTagType(s: ConsultationState | string): TagType {
  return STATE_TAG[s as ConsultationState] ?? 'info'
}

const VERDICT_TAG: Record<ItemVerdict, TagType> = { passed: 'success', rejected: 'danger', invalid: 'warning', open: 'primary' }
export function verdictTagType(v: ItemVerdict | string): TagType {
  return VERDICT_TAG[v as ItemVerdict] ?? 'info'
}

const CHOICE_TAG: Record<Choice, TagType> = { agree: 'success', disagree: 'danger', abstain: 'info' }
export function choiceTagType(c: Choice | string | null): TagType {
  return c ? (CHOICE_TAG[c as Choice] ?? 'info') : 'info'
}

const STATUS_TAG: Record<FollowupStatus, TagType> = { unreached: 'warning', against: 'danger', undecided: 'info' }
export function followupTagType(s: FollowupStatus | string): TagType {
  return STATUS_TAG[s as FollowupStatus] ?? 'info'
}

// ---- list filters ------------------------------------------------------------------------------

export interface ConsultationFilters {
  estateId: number | null
  state: ConsultationState | ''
}

export function emptyFilters(): ConsultationFilters {
  return { estateId: null, state: '' }
}

export function toQuery(f: ConsultationFilters, page: number, pageSize: number): ConsultationQuery {
  return { page, pageSize, estateId: f.estateId ?? undefined, state: f.state || undefined }
}

// ---- fractions ---------------------------------------------------------------------------------

/** "2/3" → [2, 3]; null unless 0 < p ≤ q (whole numbers). */
export function parseFraction(text: string | null | undefined): [number, number] | null {
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text ?? '')
  if (!m) return null
  const p = Number(m[1])
  const q = Number(m[2])
  if (q === 0 || p === 0 || p > q) return null
  return [p, q]
}

/**
 * A fraction as a percentage with two decimals, rounded half up like the server's rates
 * (issue #11 §2): "2/3" → 66.67. Integer arithmetic until the last division.
 */
export function fractionPercent(text: string | null | undefined): number | null {
  const f = parseFraction(text)
  return f ? Math.floor((f[0] * 20000 + f[1]) / (2 * f[1])) / 100 : null
}

/** "1/1", "3/3": a whole — which "more than" can never exceed. */
export function isWhole(text: string | null | undefined): boolean {
  const f = parseFraction(text)
  return !!f && f[0] === f[1]
}

// ---- rules -------------------------------------------------------------------------------------

/** The message key of a law version (keys avoid the dashes of the codes). */
export function lawKey(law: LawVersion | string): 'civilCode2021' | 'propertyLaw2007' {
  return law === 'property-law-2007' ? 'propertyLaw2007' : 'civilCode2021'
}

/** Civil Code Art. 278 matters 6–8 need three quarters (REFERENCE §3.1). */
export function isSpecialMatter(matter: number, law: LawVersion = 'civil-code-2021'): boolean {
  return law === 'property-law-2007' ? matter >= 5 && matter <= 7 : matter >= 6 && matter <= 8
}

/** The agree rate (percent) an item must reach under its rule, for the chart's mark. */
export function passThreshold(rule: Rule, law: LawVersion = 'civil-code-2021'): number {
  if (rule.type === 'custom') return fractionPercent(rule.threshold) ?? 50
  if (law === 'property-law-2007') return isSpecialMatter(rule.matter, law) ? (fractionPercent('2/3') as number) : 50
  return isSpecialMatter(rule.matter, law) ? 75 : 50
}

/** One line describing a rule: "民法典第278条 · 事项7 改建、重建…" or "自定义 · 按业主 · ≥2/3 …". */
export function ruleSummary(rule: Rule, law: LawVersion = 'civil-code-2021'): string {
  if (rule.type === 'art278') {
    const lawName = t(`consultation.law.${lawKey(law)}`)
    return `${lawName} · ${t('consultation.rule.matterN', { n: rule.matter })} ${t(`consultation.matter.m${rule.matter}`)}`
  }
  const parts = [
    t('consultation.rule.custom'),
    t(`consultation.rule.countBy_${rule.countBy}`),
    `${t(`consultation.rule.base_${rule.base}`)} ${rule.inclusive ? '≥' : '>'} ${rule.threshold}`,
  ]
  if (rule.areaThreshold) parts.push(`${t('consultation.rule.areaThreshold')} ${rule.inclusive ? '≥' : '>'} ${rule.areaThreshold}`)
  if (rule.quorum) parts.push(`${t('consultation.rule.quorum')} ${rule.quorum}`)
  return parts.join(' · ')
}

export function scopeSummary(scope: Scope): string {
  if (scope.type === 'estate') return t('consultation.scope.estate')
  const b = scope.buildingNumber ?? String(scope.buildingId ?? '')
  if (scope.type === 'building') return t('consultation.scope.buildingN', { building: b })
  return t('consultation.scope.stairwellN', { building: b, stairwell: scope.stairwell ?? '' })
}

// ---- the wizard's item form --------------------------------------------------------------------

export interface ItemForm {
  /** Local key for v-for. */
  key: number
  title: string
  catalogItemCode: string | null
  ruleType: 'art278' | 'custom'
  matter: Art278Matter
  countBy: CountBy
  base: RuleBase
  threshold: string
  inclusive: boolean
  areaThreshold: string
  quorum: string
  scopeType: ScopeType
  buildingId: number | null
  stairwell: number | null
}

let nextKey = 1

/** A new item: Art. 278 matter 9 (other major matters) over the whole estate. */
export function blankItem(title = '', catalogItemCode: string | null = null): ItemForm {
  return {
    key: nextKey++,
    title,
    catalogItemCode,
    ruleType: 'art278',
    matter: 9,
    countBy: 'owners',
    base: 'participants',
    threshold: '1/2',
    inclusive: false,
    areaThreshold: '',
    quorum: '',
    scopeType: 'estate',
    buildingId: null,
    stairwell: null,
  }
}

/** Sensible defaults for a catalogue item: a lift is a rebuild (matter 7) per stairwell. */
export function itemFromCatalog(c: CatalogItem): ItemForm {
  const item = blankItem(c.name, c.code)
  if (/电梯|lift|elevator/i.test(c.name)) {
    item.matter = 7
    item.scopeType = 'stairwell'
  }
  return item
}

export function itemToInput(f: ItemForm): ConsultationItemInput {
  const rule: Rule =
    f.ruleType === 'art278'
      ? { type: 'art278', matter: f.matter }
      : {
          type: 'custom',
          countBy: f.countBy,
          base: f.base,
          threshold: f.threshold.replace(/\s/g, ''),
          inclusive: f.inclusive,
          ...(f.areaThreshold.trim() ? { areaThreshold: f.areaThreshold.replace(/\s/g, '') } : {}),
          ...(f.quorum.trim() ? { quorum: f.quorum.replace(/\s/g, '') } : {}),
        }
  const scope =
    f.scopeType === 'estate'
      ? { type: 'estate' as const }
      : f.scopeType === 'building'
        ? { type: 'building' as const, buildingId: f.buildingId ?? undefined }
        : { type: 'stairwell' as const, buildingId: f.buildingId ?? undefined, stairwell: f.stairwell ?? undefined }
  return { title: f.title.trim(), ...(f.catalogItemCode ? { catalogItemCode: f.catalogItemCode } : {}), rule, scope }
}

/** What is wrong with one item, as message keys (empty: fine). */
export function itemProblems(f: ItemForm): string[] {
  const problems: string[] = []
  if (!f.title.trim()) problems.push('consultation.wizard.problem.title')
  if (f.ruleType === 'custom') {
    if (!parseFraction(f.threshold)) problems.push('consultation.wizard.problem.threshold')
    if (f.areaThreshold.trim() && !parseFraction(f.areaThreshold)) problems.push('consultation.wizard.problem.areaThreshold')
    if (f.quorum.trim() && !parseFraction(f.quorum)) problems.push('consultation.wizard.problem.quorum')
    // "More than 100 %" can never be met; the server refuses it too (422 consultation.bad_rule).
    if (!f.inclusive && (isWhole(f.threshold) || isWhole(f.areaThreshold))) problems.push('consultation.tallyRules.unreachable')
  }
  if (f.scopeType !== 'estate' && !f.buildingId) problems.push('consultation.wizard.problem.building')
  if (f.scopeType === 'stairwell' && !(f.stairwell && f.stairwell > 0)) problems.push('consultation.wizard.problem.stairwell')
  return problems
}

/** Catalogue entries grouped by category, in the order 基础类, 完善类, 提升类. */
export function groupCatalog(items: CatalogItem[]): Array<{ category: CatalogCategory; items: CatalogItem[] }> {
  return CATEGORIES.map((category) => ({ category, items: items.filter((i) => i.category === category) })).filter(
    (g) => g.items.length > 0,
  )
}

// ---- rounds ------------------------------------------------------------------------------------

/** Items a new round should target by default: not provisionally passed, or under 60 % agree. */
export function defaultRoundItems(tally: Tally | null, items: ConsultationItem[]): number[] {
  if (!tally) return items.map((i) => i.id)
  return tally.items.filter((i) => i.provisional !== 'passed' || i.agreeRate < 60).map((i) => i.itemId)
}

// ---- paper entry -------------------------------------------------------------------------------

/**
 * The ballot code in what a USB QR scanner (or a person) typed: the printed URL
 * `<base>/h5/#/ballot/<code>` (any prefix, optional query), or the bare code. Null if empty.
 */
export function parseBallotCode(input: string): string | null {
  const text = input.trim()
  if (!text) return null
  const m = /\/ballot\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(text)
  const code = m ? m[1] : text
  try {
    return decodeURIComponent(code).trim() || null
  } catch {
    return code
  }
}

export interface PaperState {
  /** Item ids in order. */
  itemIds: number[]
  choices: Record<number, Choice | undefined>
  /** The item the next key sets; itemIds.length when all are done. */
  index: number
}

export function paperState(itemIds: number[], preset: Record<number, Choice | null | undefined> = {}): PaperState {
  const choices: Record<number, Choice | undefined> = {}
  for (const id of itemIds) choices[id] = preset[id] ?? undefined
  return { itemIds, choices, index: 0 }
}

export type PaperKeyResult = { state: PaperState; action: 'none' | 'set' | 'back' | 'submit' }

const KEY_CHOICE: Record<string, Choice> = {
  '1': 'agree',
  '2': 'disagree',
  '3': 'abstain',
  Numpad1: 'agree',
  Numpad2: 'disagree',
  Numpad3: 'abstain',
}

/**
 * One key of the paper-entry keyboard: 1/2/3 set the current item (agree/disagree/abstain) and
 * move on; Backspace or ↑ go back one item; ↓ skips forward; Enter asks to submit.
 */
export function paperKey(s: PaperState, key: string): PaperKeyResult {
  const choice = KEY_CHOICE[key]
  if (choice) {
    if (s.index >= s.itemIds.length) return { state: s, action: 'none' }
    const id = s.itemIds[s.index]
    return {
      state: { ...s, choices: { ...s.choices, [id]: choice }, index: s.index + 1 },
      action: 'set',
    }
  }
  if (key === 'Backspace' || key === 'ArrowUp') {
    return { state: { ...s, index: Math.max(0, s.index - 1) }, action: 'back' }
  }
  if (key === 'ArrowDown') {
    return { state: { ...s, index: Math.min(s.itemIds.length, s.index + 1) }, action: 'none' }
  }
  if (key === 'Enter' || key === 'NumpadEnter') return { state: s, action: 'submit' }
  return { state: s, action: 'none' }
}

/** The choices to send: only items that have one, keyed by item id. */
export function choicesBody(choices: Record<number, Choice | null | undefined>): Record<string, Choice> {
  const body: Record<string, Choice> = {}
  for (const [id, c] of Object.entries(choices)) if (c) body[id] = c
  return body
}

// ---- charts ------------------------------------------------------------------------------------

export interface RateBars {
  labels: string[]
  rates: number[]
  thresholds: number[]
}

export function itemRateBars(tally: Tally, law: LawVersion): RateBars {
  return {
    labels: tally.items.map((i) => i.title),
    rates: tally.items.map((i) => i.agreeRate),
    thresholds: tally.items.map((i) => passThreshold(i.rule, law)),
  }
}

/** Per building: one series per item (the item's agree rate in that building). */
export function buildingSeries(tally: Tally): { buildings: string[]; series: Array<{ name: string; data: Array<number | null> }> } {
  const buildings = tally.buildings.map((b) => b.number)
  const series = tally.items.map((item) => ({
    name: item.title,
    data: tally.buildings.map((b) => b.items.find((x) => x.itemId === item.itemId)?.agreeRate ?? null),
  }))
  return { buildings, series }
}

/** "同意率（占参与表决者）": the agree rate named with the base it is measured against (issue #11 §2). */
export function agreeRateLabel(base?: RateBase): string {
  if (!base) return t('consultation.tally.agreeRate')
  return t('consultation.tallyRules.agreeRateOf', { base: t(`consultation.tallyRules.rateBase.${base}`) })
}

/** "同意面积比例（占参与表决者）". */
export function agreeAreaRateLabel(base: RateBase): string {
  return t('consultation.tallyRules.agreeAreaRate', { base: t(`consultation.tallyRules.rateBase.${base}`) })
}

/**
 * The per-building results that ARE results: items whose voting unit is that building (or a
 * stairwell in it). Every other per-building figure is information only (issue #11 §2).
 */
export function buildingVerdicts(tally: Tally): Array<{ building: string; itemId: number; title: string; verdict: ItemVerdict }> {
  const out: Array<{ building: string; itemId: number; title: string; verdict: ItemVerdict }> = []
  for (const b of tally.buildings)
    for (const i of b.items)
      if (i.informationOnly === false && i.verdict)
        out.push({ building: b.number, itemId: i.itemId, title: tally.items.find((x) => x.itemId === i.itemId)?.title ?? '', verdict: i.verdict })
  return out
}

export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? '' : `${rate.toFixed(2)}%`
}

/** "3-1-201": building, stairwell, room. */
export function dwellingLabel(d: { buildingNumber: string; stairwell: number; room: string }): string {
  return `${d.buildingNumber}-${d.stairwell}-${d.room}`
}

// ---- permissions -------------------------------------------------------------------------------

/**
 * Entering ballots (paper, door to door). The server names the permission
 * `consultation:ballot:write`; the issue called it `ballot:write`: either one grants it.
 */
export const BALLOT_WRITE_PERMISSIONS = ['consultation:ballot:write', 'ballot:write'] as const

export function canWriteBallots(has: (code: string) => boolean): boolean {
  return BALLOT_WRITE_PERMISSIONS.some((p) => has(p))
}
