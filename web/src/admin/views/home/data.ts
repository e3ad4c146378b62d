// The admin home: one card per step of the programme, in order. A built context brings its card
// as a record in admin/views/<context>/workbench.ts (found by steps.ts, so a new context edits
// nothing here): which section of GET /workbench it reads, the figures and lines it shows and
// the pages it links to. Steps not built yet are listed below as "coming soon" until a card
// claims the same step. Pure, so the mapping is tested on a fixture answer (home.test.ts).
import type { RouteLocationRaw } from 'vue-router'
import type { Workbench } from '@/shared/api/workbench'

/** An i18n key with its named values. */
export interface Label {
  key: string
  params?: Record<string, unknown>
}

/** Where a figure, line or link goes: a page of the admin, or another app (the H5). */
export type Target = { to: RouteLocationRaw; href?: undefined } | { href: string; to?: undefined }

/** One count on a card. */
export type StepFigure = {
  /** Test id suffix (`step-<step>-<key>`). */
  key: string
  label: Label
  value: number
  /** Something waits for the user (shown in the warning colour when above zero). */
  attention?: boolean
} & (Target | { to?: undefined; href?: undefined })

/** A line in a card's list (an open consultation and its participation). */
export type StepRow = {
  key: string
  title: string
  /** Shown after the title, joined by " · ": plain text or a message. */
  detail: Array<string | Label>
  /** 0–100, shown as a bar with two decimals. */
  percent?: number
  links: StepLink[]
} & Target

export type StepLink = { key: string; label: Label; permission?: string } & Target

/** What a card's functions get besides its section. */
export interface StepContext {
  /** The current year in Beijing time (the answer's `year`). */
  year: number
  can: (permission: string) => boolean
}

/** A built context's card. `S` is the type of its section of GET /workbench. */
export interface StepCard<S = unknown> {
  /** Step of the programme; a planned step with the same key gives way. */
  step: string
  /** Place in the programme (register 10, check-up 20, consultation 30, …). */
  order: number
  title: Label
  desc: Label
  /** Key of the section in `sections`; the card is hidden when the server sent none. */
  section: string
  /** A short tag beside the title (the check-up year). */
  tag?: (s: S, ctx: StepContext) => Label | null
  figures: (s: S, ctx: StepContext) => StepFigure[]
  rows?: (s: S, ctx: StepContext) => StepRow[]
  /** Said when `rows` gives none. */
  emptyRows?: Label
  links: (s: S, ctx: StepContext) => StepLink[]
}

/** Keeps a card's section type at its definition while the list holds cards of any section. */
export function defineStepCard<S>(card: StepCard<S>): StepCard<unknown> {
  return card as StepCard<unknown>
}

export interface PlannedStep {
  step: string
  order: number
  title: Label
  desc: Label
}

const planned = (step: string, order: number): PlannedStep => ({
  step,
  order,
  title: { key: `home.stage.${step}.title` },
  desc: { key: `home.stage.${step}.desc` },
})

/** Steps of the programme without pages yet (ARCHITECTURE.md, first paragraph). */
export const PLANNED_STEPS: PlannedStep[] = [
  planned('project', 40),
  planned('construction', 50),
  planned('supervision', 60),
  planned('stewardship', 70),
  planned('publicity', 80),
]

export type HomeStep =
  | (PlannedStep & { state: 'planned' })
  | (PlannedStep & {
      state: 'built'
      tag: Label | null
      figures: StepFigure[]
      rows: StepRow[] | null
      emptyRows?: Label
      links: StepLink[]
    })

const allowed = (can: StepContext['can']) => (l: StepLink) => !l.permission || can(l.permission)

/**
 * The home's cards in programme order: each built card whose section the answer carries, mapped
 * (links the user may not open left out); no card for a section the answer lacks (no
 * permission); the planned steps no card claims. Before the answer (`workbench` null) only the
 * planned steps.
 */
export function homeSteps(
  cards: StepCard[],
  workbench: Workbench | null,
  can: StepContext['can'],
  plannedSteps: PlannedStep[] = PLANNED_STEPS,
): HomeStep[] {
  const claimed = new Set(cards.map((c) => c.step))
  const out: HomeStep[] = plannedSteps.filter((p) => !claimed.has(p.step)).map((p) => ({ ...p, state: 'planned' as const }))
  if (workbench) {
    const ctx: StepContext = { year: workbench.year, can }
    for (const card of cards) {
      const section = workbench.sections?.[card.section]
      if (section === undefined || section === null) continue
      out.push({
        step: card.step,
        order: card.order,
        title: card.title,
        desc: card.desc,
        state: 'built',
        tag: card.tag?.(section, ctx) ?? null,
        figures: card.figures(section, ctx),
        rows: card.rows ? card.rows(section, ctx).map((r) => ({ ...r, links: r.links.filter(allowed(can)) })) : null,
        emptyRows: card.emptyRows,
        links: card.links(section, ctx).filter(allowed(can)),
      })
    }
  }
  return out.sort((a, b) => a.order - b.order)
}
