import type { RouteRecordRaw } from 'vue-router'
import { Medal, Notebook, Tickets, User, View, Calendar } from '@element-plus/icons-vue'

// Supervision (issue #14, docs/supervision.md): one "监督整改" group with the rectification board
// (deadlines, overdue, escalation levels), the units' scores, the lifetime quality register,
// the democratic supervision days and the supervisors' roster. Every page needs
// supervision:read; the writes are checked on each button.
const group = { titleKey: 'menu.supervision', icon: View }

const routes: RouteRecordRaw[] = [
  {
    path: 'supervision',
    name: 'supervision-board',
    component: () => import('../../../views/supervision/board.vue'),
    meta: { titleKey: 'menu.supervisionBoard', permission: 'supervision:read', icon: Tickets, order: 11.1, group },
  },
  {
    path: 'supervision/scores',
    name: 'supervision-scores',
    component: () => import('../../../views/supervision/scores.vue'),
    meta: { titleKey: 'menu.supervisionScores', permission: 'supervision:read', icon: Medal, order: 11.2, group },
  },
  {
    path: 'supervision/register',
    name: 'supervision-register',
    component: () => import('../../../views/supervision/register.vue'),
    meta: { titleKey: 'menu.supervisionRegister', permission: 'supervision:read', icon: Notebook, order: 11.3, group },
  },
  {
    path: 'supervision/days',
    name: 'supervision-days',
    component: () => import('../../../views/supervision/days.vue'),
    meta: { titleKey: 'menu.supervisionDays', permission: 'supervision:read', icon: Calendar, order: 11.4, group },
  },
  {
    path: 'supervision/supervisors',
    name: 'supervision-supervisors',
    component: () => import('../../../views/supervision/supervisors.vue'),
    meta: { titleKey: 'menu.supervisionRoster', permission: 'supervision:read', icon: User, order: 11.5, group },
  },
]
export default routes
