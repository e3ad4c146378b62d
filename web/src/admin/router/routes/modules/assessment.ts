import type { RouteRecordRaw } from 'vue-router'
import { Calendar, DataAnalysis, Medal, Stamp, User } from '@element-plus/icons-vue'

// Assessment of streets and departments (issue #15, docs/assessment.md): one "督查考核" group with
// the KPIs (with formulas and the monthly report download), the department responsibility matrix,
// the joint meetings and action items, and the annual evaluation with its self-evaluation report.
// All need assessment:read; the writes are checked on each button.
const group = { titleKey: 'menu.assessment', icon: Medal }

const routes: RouteRecordRaw[] = [
  {
    path: 'assessment/kpis',
    name: 'assessment-kpis',
    component: () => import('../../../views/assessment/kpis.vue'),
    meta: { titleKey: 'menu.assessmentKpis', permission: 'assessment:read', icon: DataAnalysis, order: 12.1, group },
  },
  {
    path: 'assessment/duties',
    name: 'assessment-duties',
    component: () => import('../../../views/assessment/duties.vue'),
    meta: { titleKey: 'menu.assessmentDuties', permission: 'assessment:read', icon: User, order: 12.2, group },
  },
  {
    path: 'assessment/meetings',
    name: 'assessment-meetings',
    component: () => import('../../../views/assessment/meetings.vue'),
    meta: { titleKey: 'menu.assessmentMeetings', permission: 'assessment:read', icon: Calendar, order: 12.3, group },
  },
  {
    path: 'assessment/evaluation',
    name: 'assessment-evaluation',
    component: () => import('../../../views/assessment/evaluation.vue'),
    meta: { titleKey: 'menu.assessmentEvaluation', permission: 'assessment:read', icon: Stamp, order: 12.4, group },
  },
]
export default routes
