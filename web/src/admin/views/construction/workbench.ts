// The construction card on the admin home (views/home/data.ts), from the `construction` section
// of GET /workbench: open alerts, delayed steps, projects that would end after 31 December, and
// how many projects have a schedule. Hidden while the server sends no such section.
import { defineStepCard } from '../home/data'
import type { ConstructionWorkbench } from '@/shared/api/construction/types'

const projects = { name: 'construction-projects' }
const alerts = { name: 'construction-alerts' }
const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export default defineStepCard<Partial<ConstructionWorkbench>>({
  step: 'construction',
  order: 50,
  title: { key: 'home.stage.construction.title' },
  desc: { key: 'home.stage.construction.desc' },
  section: 'construction',
  figures: (s) => [
    { key: 'schedules', label: { key: 'construction.workbench.schedules' }, value: n(s.schedules), to: projects },
    { key: 'openAlerts', label: { key: 'construction.workbench.openAlerts' }, value: n(s.openAlerts), attention: true, to: alerts },
    { key: 'delayedSteps', label: { key: 'construction.workbench.delayedSteps' }, value: n(s.delayedSteps), attention: true, to: alerts },
    { key: 'yearEndFlags', label: { key: 'construction.workbench.yearEndFlags' }, value: n(s.yearEndFlags), attention: true, to: alerts },
  ],
  links: () => [
    { key: 'projects', label: { key: 'construction.workbench.projects' }, to: projects },
    { key: 'alerts', label: { key: 'construction.workbench.alerts' }, to: alerts },
  ],
})
