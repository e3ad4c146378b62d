// The grading rules of docs/checkup.md, on the phone (to show the grade of an observation before
// it reaches the server, e.g. while offline) and in words for the admin catalogue page. The
// server stays the authority: what it answers after syncing replaces the local grade.
import type { Band, Criterion, Decimal, Rule, Severity } from './checkup-types'

function num(d: Decimal | null | undefined): number | null {
  if (d === null || d === undefined || d === '') return null
  const n = typeof d === 'number' ? d : Number(String(d).trim())
  return Number.isFinite(n) ? n : null
}

export interface ObservedValue {
  present?: boolean
  value?: Decimal | null
  condition?: boolean
}

/** The severity a rule gives an observation, or null when it is no problem. */
export function grade(rule: Rule, obs: ObservedValue): Severity | null {
  switch (rule.type) {
    case 'flag':
      return obs.present ? rule.severity : null
    case 'bands': {
      const v = num(obs.value)
      if (v === null || v <= 0) return null
      for (const b of rule.bands) {
        const up = num(b.upTo)
        if (up === null) return b.severity
        if (v < up || (b.inclusive && v === up)) return b.severity
      }
      return null
    }
    case 'age_and_condition': {
      const v = num(obs.value)
      const min = num(rule.minYears)
      return v !== null && min !== null && v >= min && obs.condition ? rule.severity : null
    }
    case 'shortfall': {
      const v = num(obs.value)
      return v !== null && v > 0 ? rule.severity : null
    }
    case 'below': {
      const v = num(obs.value)
      const min = num(rule.min)
      return v !== null && min !== null && v < min ? rule.severity : null
    }
    default:
      return null
  }
}

/** True when the criterion has been answered at all (a flag seen, or a value typed). */
export function isAnswered(c: Pick<Criterion, 'input'>, obs: ObservedValue): boolean {
  return c.input === 'flag' ? !!obs.present : num(obs.value) !== null
}

/** "10", "12.5" from "10.00", 12.5 … */
export function formatBound(d: Decimal | null | undefined): string {
  const n = num(d)
  return n === null ? '' : String(n)
}

/** A value typed on a phone, normalised for the server: at most two decimals, or null. */
export function normaliseValue(text: string | number | null | undefined): string | null {
  if (text === null || text === undefined) return null
  const s = String(text).trim().replace(/，/g, '.').replace(/．/g, '.')
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null
  return s
}

export type Translate = (key: string, named?: Record<string, unknown>) => string

/** The unit as people write it: "㎡", "年", … ('' for none). */
export function unitText(unit: string, t: Translate): string {
  return unit ? t(`checkup.unit.${unit}`) : ''
}

/**
 * A rule in words, e.g. "<10 ㎡ 隐患；10–30 ㎡ 较大隐患；>30 ㎡ 严重隐患" (the separators and
 * phrases come from the locale files).
 */
export function describeRule(rule: Rule, unit: string, t: Translate): string {
  const u = unitText(unit, t)
  const withUnit = (v: string) => (u ? `${v} ${u}` : v)
  const sev = (s: Severity) => t(`checkup.severity.${s}`)
  switch (rule.type) {
    case 'flag':
      return t('checkup.rule.flagWords', { severity: sev(rule.severity) })
    case 'bands': {
      const parts: string[] = []
      let prev: Band | null = null
      for (const b of rule.bands) {
        const up = formatBound(b.upTo)
        if (up !== '') {
          const range = prev === null ? `${b.inclusive ? '≤' : '<'}${up}` : `${formatBound(prev.upTo)}–${up}`
          parts.push(`${withUnit(range)} ${sev(b.severity)}`)
        } else if (prev !== null) {
          parts.push(`${withUnit(`${prev.inclusive ? '>' : '≥'}${formatBound(prev.upTo)}`)} ${sev(b.severity)}`)
        } else {
          parts.push(`${withUnit('>0')} ${sev(b.severity)}`)
        }
        prev = b
      }
      return parts.join(t('checkup.rule.separator'))
    }
    case 'age_and_condition':
      return t('checkup.rule.ageWords', { years: formatBound(rule.minYears), severity: sev(rule.severity) })
    case 'shortfall':
      return t('checkup.rule.shortfallWords', { unit: u, severity: sev(rule.severity) })
    case 'below':
      return t('checkup.rule.belowWords', { min: withUnit(formatBound(rule.min)), severity: sev(rule.severity) })
    default:
      return ''
  }
}

/** The worst of several severities (null when none). */
export function worst(list: (Severity | null | undefined)[]): Severity | null {
  const order: Severity[] = ['severe', 'larger_hazard', 'hazard', 'problem']
  let best: Severity | null = null
  for (const s of list) if (s && (best === null || order.indexOf(s) < order.indexOf(best))) best = s
  return best
}

/** A building as people call it: "3号楼" for the register's number "3"; "3栋" stays. */
export function buildingLabel(number: string): string {
  return /[栋楼座幢号]$/.test(number) || !number ? number : `${number}号楼`
}
