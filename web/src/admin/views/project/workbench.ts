// The projects-and-money card on the admin home (views/home/data.ts): this year's projects in the
// user's scope by stage, and what waits for someone (objections to answer, unpaid resident bills).
import { defineStepCard } from '../home/data'
import type { ProjectWorkbench } from '@/shared/api/project/types'

const projects = { name: 'projects' }
const plans = { name: 'project-plans' }
const stats = { name: 'project-stats' }

export default defineStepCard<ProjectWorkbench>({
  step: 'project',
  order: 40,
  title: { key: 'home.stage.project.title' },
  desc: { key: 'home.stage.project.desc' },
  section: 'project',
  tag: (s) => ({ key: 'project.workbench.year', params: { year: s.year } }),
  figures: (s, { can }) => [
    { key: 'projects', label: { key: 'project.workbench.projects' }, value: s.projects, to: projects },
    { key: 'reserve', label: { key: 'project.workbench.reserve' }, value: s.reserve },
    { key: 'preparing', label: { key: 'project.workbench.preparing' }, value: s.preparing },
    { key: 'building', label: { key: 'project.workbench.building' }, value: s.building },
    { key: 'finished', label: { key: 'project.workbench.finished' }, value: s.finished },
    {
      key: 'unansweredObjections',
      label: { key: 'project.workbench.unansweredObjections' },
      value: s.unansweredObjections,
      attention: can('project:publicity:write'),
      to: projects,
    },
    { key: 'unpaidBills', label: { key: 'project.workbench.unpaidBills' }, value: s.unpaidBills },
  ],
  links: () => [
    { key: 'projects', label: { key: 'project.workbench.projectList' }, to: projects },
    { key: 'plans', label: { key: 'project.workbench.planList' }, to: plans },
    { key: 'stats', label: { key: 'project.workbench.stats' }, to: stats },
  ],
})
