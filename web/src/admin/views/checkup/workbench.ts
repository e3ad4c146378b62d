// The check-up's card on the admin home (views/home/data.ts): this year's check-ups in the user's
// scope by status, what waits for the user (review, capture) and the problems found.
import { defineStepCard } from '../home/data'
import type { CheckupWorkbench } from '@/shared/api/workbench'

const campaigns = { name: 'checkups' }
const problems = { name: 'checkup-problems' }
// The grid workers capture on the phone (the H5 app), not in the admin.
const capture = '/h5/checkup'

export default defineStepCard<CheckupWorkbench>({
  step: 'checkup',
  order: 20,
  title: { key: 'home.stage.checkup.title' },
  desc: { key: 'home.stage.checkup.desc' },
  section: 'checkup',
  tag: (s) => ({ key: 'checkup.workbench.year', params: { year: s.year } }),
  figures: (s, { can }) => [
    { key: 'campaigns', label: { key: 'checkup.workbench.campaigns' }, value: s.campaigns, to: campaigns },
    { key: 'estates', label: { key: 'checkup.workbench.estates' }, value: s.estates },
    { key: 'inProgress', label: { key: 'checkup.workbench.inProgress' }, value: s.inProgress },
    { key: 'awaitingReview', label: { key: 'checkup.workbench.awaitingReview' }, value: s.awaitingReview, attention: can('checkup:write'), to: campaigns },
    { key: 'approved', label: { key: 'checkup.workbench.approved' }, value: s.approved },
    {
      key: 'assignedToMe',
      label: { key: 'checkup.workbench.assignedToMe' },
      value: s.assignedToMe,
      attention: true,
      ...(can('checkup:capture') ? { href: capture } : {}),
    },
    { key: 'problems', label: { key: 'checkup.workbench.problems' }, value: s.problems, to: problems },
  ],
  links: () => [
    { key: 'campaigns', label: { key: 'checkup.workbench.campaignList' }, to: campaigns },
    { key: 'problems', label: { key: 'checkup.workbench.problemList' }, to: problems },
    { key: 'capture', label: { key: 'checkup.workbench.capture' }, href: capture, permission: 'checkup:capture' },
  ],
})
