// The supervision card on the admin home (views/home/data.ts), from the `supervision` section
// of GET /workbench: orders to rectify, to re-check, overdue, and escalated to the street
// office or the bureau; with links to the board, the scores and the resident tickets (the
// step is "监督与诉求"). Hidden while the server sends no such section.
import { defineStepCard } from '../home/data'
import type { SupervisionWorkbench } from '@/shared/api/supervision/types'

const board = (query: Record<string, string> = {}) => ({ name: 'supervision-board', query })
const n = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)

export default defineStepCard<Partial<SupervisionWorkbench>>({
  step: 'supervision',
  order: 60,
  title: { key: 'home.stage.supervision.title' },
  desc: { key: 'home.stage.supervision.desc' },
  section: 'supervision',
  figures: (s) => [
    { key: 'open', label: { key: 'supervision.workbench.open' }, value: n(s.open), to: board({ status: 'open' }) },
    { key: 'replied', label: { key: 'supervision.workbench.replied' }, value: n(s.replied), attention: true, to: board({ status: 'replied' }) },
    { key: 'overdue', label: { key: 'supervision.workbench.overdue' }, value: n(s.overdue), attention: true, to: board({ status: 'overdue' }) },
    { key: 'street', label: { key: 'supervision.workbench.street' }, value: n(s.overdueByLevel?.street), attention: true, to: board({ level: '1' }) },
    { key: 'bureau', label: { key: 'supervision.workbench.bureau' }, value: n(s.overdueByLevel?.bureau), attention: true, to: board({ level: '2' }) },
  ],
  links: () => [
    { key: 'board', label: { key: 'supervision.workbench.board' }, to: board() },
    { key: 'scores', label: { key: 'supervision.workbench.scores' }, to: { name: 'supervision-scores' } },
    { key: 'tickets', label: { key: 'supervision.workbench.tickets' }, to: { name: 'ticket-queue' }, permission: 'ticket:read' },
  ],
})
