import { describe, expect, it } from 'vitest'
import { defineStepCard, homeSteps, PLANNED_STEPS, type HomeStep, type StepCard } from './data'
import { STEP_CARDS } from './steps'
import type { Workbench } from '@/shared/api/workbench'

// The contract's example answer of GET /api/v1/workbench (issue #11).
const FIXTURE: Workbench = {
  regionCode: '360104002',
  regionName: '洪都街道',
  year: 2026,
  sections: {
    register: { estates: 30, eligible: 24, extension: 3, buildings: 120, dwellings: 3400 },
    checkup: { year: 2026, campaigns: 2, estates: 12, inProgress: 5, awaitingReview: 3, approved: 4, assignedToMe: 2, problems: 57 },
    consultation: {
      open: 1,
      followupsAssignedToMe: 6,
      consultations: [
        { id: 3, title: '加装电梯意愿征询', estateId: 7, estateName: '洪都新村', round: 2, dwellings: 120, participated: 80, participationPercent: 66.67 },
      ],
    },
  },
}

const STREET_PERMISSIONS = ['register:read', 'checkup:read', 'checkup:write', 'checkup:capture', 'consultation:read']
const streetCan = (p: string) => STREET_PERMISSIONS.includes(p)

function built(steps: HomeStep[], step: string) {
  const s = steps.find((x) => x.step === step)
  if (!s || s.state !== 'built') throw new Error(`${step} is not a built card`)
  return s
}
const figures = (s: ReturnType<typeof built>) => Object.fromEntries(s.figures.map((f) => [f.key, f.value]))

describe('the admin home steps (the real cards on the contract\'s example)', () => {
  const steps = homeSteps(STEP_CARDS, FIXTURE, streetCan)

  it('lists the programme in order: the built steps the answer has, then the steps to come', () => {
    // The fixture has no project, construction or supervision section (a user without
    // project:read, construction:read or supervision:read): their cards are left out.
    expect(steps.map((s) => [s.step, s.state])).toEqual([
      ['register', 'built'],
      ['checkup', 'built'],
      ['consultation', 'built'],
      ['stewardship', 'planned'],
      ['publicity', 'planned'],
    ])
  })

  it('maps the register section to its figures and the estate list', () => {
    const r = built(steps, 'register')
    expect(figures(r)).toEqual({ estates: 30, eligible: 24, extension: 3, buildings: 120, dwellings: 3400 })
    expect(r.figures.find((f) => f.key === 'estates')?.to).toEqual({ name: 'estates' })
    expect(r.links.map((l) => l.to ?? l.href)).toEqual([{ name: 'estates' }])
  })

  it('maps the check-up section: year, statuses, my assignments, problems, and its pages', () => {
    const c = built(steps, 'checkup')
    expect(c.tag).toEqual({ key: 'checkup.workbench.year', params: { year: 2026 } })
    expect(figures(c)).toEqual({ campaigns: 2, estates: 12, inProgress: 5, awaitingReview: 3, approved: 4, assignedToMe: 2, problems: 57 })
    expect(c.figures.find((f) => f.key === 'awaitingReview')).toMatchObject({ attention: true, to: { name: 'checkups' } })
    expect(c.figures.find((f) => f.key === 'assignedToMe')).toMatchObject({ attention: true, href: '/h5/checkup' })
    expect(c.figures.find((f) => f.key === 'problems')?.to).toEqual({ name: 'checkup-problems' })
    expect(c.links.map((l) => l.key)).toEqual(['campaigns', 'problems', 'capture'])
  })

  it('maps the consultation section: counts, each open consultation with participation and follow-ups', () => {
    const c = built(steps, 'consultation')
    expect(figures(c)).toEqual({ open: 1, followupsAssignedToMe: 6 })
    expect(c.rows).toHaveLength(1)
    const row = c.rows![0]
    expect(row).toMatchObject({ key: '3', title: '加装电梯意愿征询', percent: 66.67, to: { name: 'consultation', params: { id: 3 } } })
    expect(row.detail).toEqual([
      '洪都新村',
      { key: 'consultation.workbench.round', params: { n: 2 } },
      { key: 'consultation.workbench.participation', params: { participated: 80, dwellings: 120 } },
    ])
    expect(row.links.map((l) => l.to)).toEqual([{ name: 'consultation-followups', params: { id: 3 } }])
    expect(c.links.map((l) => l.to)).toEqual([{ name: 'consultations' }])
  })

  it('hides the card of a section the answer lacks (no permission), without calling it coming', () => {
    const { consultation: _, ...sections } = FIXTURE.sections
    const without = homeSteps(STEP_CARDS, { ...FIXTURE, sections }, streetCan)
    expect(without.map((s) => s.step)).not.toContain('consultation')
    expect(without.filter((s) => s.state === 'built').map((s) => s.step)).toEqual(['register', 'checkup'])
  })

  it('leaves out links and figure targets the user may not open', () => {
    const bureau = homeSteps(STEP_CARDS, FIXTURE, (p) => ['register:read', 'checkup:read', 'checkup:write', 'consultation:read'].includes(p))
    const c = built(bureau, 'checkup')
    expect(c.links.map((l) => l.key)).toEqual(['campaigns', 'problems'])
    expect(c.figures.find((f) => f.key === 'assignedToMe')?.href).toBeUndefined()
    const reader = homeSteps(STEP_CARDS, FIXTURE, (p) => p === 'checkup:read')
    expect(built(reader, 'checkup').figures.find((f) => f.key === 'awaitingReview')?.attention).toBe(false)
  })

  it('shows the project card with its stages and what waits, when the answer has the section', () => {
    const project = { year: 2026, projects: 3, reserve: 1, preparing: 1, building: 1, finished: 0, unansweredObjections: 2, unpaidBills: 190, plan: null }
    const withProject = homeSteps(STEP_CARDS, { ...FIXTURE, sections: { ...FIXTURE.sections, project } }, (p) => p === 'project:read')
    expect(withProject.map((s) => `${s.step}:${s.state}`).slice(0, 4)).toEqual(['register:built', 'checkup:built', 'consultation:built', 'project:built'])
    const c = built(withProject, 'project')
    expect(figures(c)).toEqual({ projects: 3, reserve: 1, preparing: 1, building: 1, finished: 0, unansweredObjections: 2, unpaidBills: 190 })
    expect(c.figures.find((f) => f.key === 'unansweredObjections')?.attention).toBe(false)  // a reader does not answer
  })

  it('maps the supervision section: orders to rectify, to re-check, overdue and escalated, and its pages', () => {
    const supervision = { open: 3, replied: 1, overdue: 1, overdueByLevel: { street: 1, bureau: 0 } }
    const withSupervision = homeSteps(STEP_CARDS, { ...FIXTURE, sections: { ...FIXTURE.sections, supervision } }, (p) => p === 'supervision:read')
    expect(withSupervision.map((s) => `${s.step}:${s.state}`)).toContain('supervision:built')
    const c = built(withSupervision, 'supervision')
    expect(figures(c)).toEqual({ open: 3, replied: 1, overdue: 1, street: 1, bureau: 0 })
    expect(c.figures.find((f) => f.key === 'overdue')?.to).toEqual({ name: 'supervision-board', query: { status: 'overdue' } })
    expect(c.figures.find((f) => f.key === 'street')?.to).toEqual({ name: 'supervision-board', query: { level: '1' } })
    // The ticket queue only for ticket:read.
    expect(c.links.map((l) => l.key)).toEqual(['board', 'scores'])
    const both = homeSteps(STEP_CARDS, { ...FIXTURE, sections: { ...FIXTURE.sections, supervision } }, () => true)
    expect(built(both, 'supervision').links.map((l) => l.key)).toEqual(['board', 'scores', 'tickets'])
  })

  it('before the answer shows only the planned steps', () => {
    const unbuilt = PLANNED_STEPS.filter((p) => !STEP_CARDS.some((c) => c.step === p.step))
    expect(homeSteps(STEP_CARDS, null, streetCan).map((s) => `${s.step}:${s.state}`)).toEqual(unbuilt.map((p) => `${p.step}:planned`))
  })
})

describe('a new context\'s card', () => {
  // A context not built yet (stewardship), as its card would be written.
  const stewardship: StepCard = defineStepCard<{ sites: number }>({
    step: 'stewardship',
    order: 70,
    title: { key: 'home.stage.stewardship.title' },
    desc: { key: 'home.stage.stewardship.desc' },
    section: 'stewardship',
    figures: (s) => [{ key: 'sites', label: { key: 'stewardship.workbench.sites' }, value: s.sites }],
    links: () => [{ key: 'list', label: { key: 'stewardship.workbench.list' }, to: { name: 'sites' }, permission: 'stewardship:read' }],
  })

  it('replaces the planned step it claims, in the same place', () => {
    const sections = { ...FIXTURE.sections, stewardship: { sites: 4 } }
    const steps = homeSteps([...STEP_CARDS, stewardship], { ...FIXTURE, sections }, () => true)
    expect(steps.map((s) => `${s.step}:${s.state}`)).toEqual([
      'register:built',
      'checkup:built',
      'consultation:built',
      'stewardship:built',
      'publicity:planned',
    ])
    expect(figures(built(steps, 'stewardship'))).toEqual({ sites: 4 })
  })

  it('is neither shown nor "coming" when the user may not read its section', () => {
    const steps = homeSteps([...STEP_CARDS, stewardship], FIXTURE, () => true)
    expect(steps.map((s) => s.step)).not.toContain('stewardship')
    expect(steps.map((s) => s.step)).not.toContain('supervision')
    expect(steps.map((s) => s.step)).not.toContain('construction')
    expect(steps.map((s) => s.step)).not.toContain('project')
  })
})
