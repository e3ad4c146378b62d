// The consultation's card on the admin home (views/home/data.ts): open consultations in the
// user's scope with their participation, and the follow-up visits assigned to the user.
import { defineStepCard } from '../home/data'
import type { ConsultationWorkbench } from '@/shared/api/workbench'

const list = { name: 'consultations' }

export default defineStepCard<ConsultationWorkbench>({
  step: 'consultation',
  order: 30,
  title: { key: 'home.stage.consultation.title' },
  desc: { key: 'home.stage.consultation.desc' },
  section: 'consultation',
  figures: (s) => [
    { key: 'open', label: { key: 'consultation.workbench.open' }, value: s.open, to: list },
    { key: 'followupsAssignedToMe', label: { key: 'consultation.workbench.followupsAssignedToMe' }, value: s.followupsAssignedToMe, attention: true },
  ],
  rows: (s) =>
    s.consultations.map((c) => ({
      key: String(c.id),
      title: c.title,
      detail: [
        c.estateName,
        { key: 'consultation.workbench.round', params: { n: c.round } },
        { key: 'consultation.workbench.participation', params: { participated: c.participated, dwellings: c.dwellings } },
      ],
      percent: c.participationPercent,
      to: { name: 'consultation', params: { id: c.id } },
      links: [{ key: 'followups', label: { key: 'consultation.workbench.followups' }, to: { name: 'consultation-followups', params: { id: c.id } } }],
    })),
  emptyRows: { key: 'consultation.workbench.none' },
  links: () => [{ key: 'list', label: { key: 'consultation.workbench.list' }, to: list }],
})
