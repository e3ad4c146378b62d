import type { RouteRecordRaw } from 'vue-router'
import { ChatDotSquare, Money } from '@element-plus/icons-vue'
import { hasPermission } from '@/shared/auth/session'
import { canWriteBallots } from '../../../views/consultation/data'

// Consultations and owners' decisions (issue #5). The list is in the menu; the wizard, the
// consultation page, paper entry and follow-up hang below it (the menu keeps the list highlighted).
// The lift cost-sharing calculator sits right below it in the menu (order 8.5, path under
// /consultations; the layout highlights the longest matching menu path).
const idProp = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) })

const routes: RouteRecordRaw[] = [
  {
    path: 'consultations',
    name: 'consultations',
    component: () => import('../../../views/consultation/list.vue'),
    meta: { titleKey: 'menu.consultation', permission: 'consultation:read', icon: ChatDotSquare, order: 8 },
  },
  {
    path: 'consultations/lift-share',
    name: 'lift-share',
    component: () => import('../../../views/consultation/lift-share.vue'),
    meta: { titleKey: 'menu.liftShare', permission: 'consultation:read', icon: Money, order: 8.5 },
  },
  {
    path: 'consultations/new',
    name: 'consultation-create',
    component: () => import('../../../views/consultation/wizard.vue'),
    meta: { titleKey: 'consultation.wizard.title', permission: 'consultation:write', order: 9 },
  },
  {
    path: 'consultations/:id(\\d+)',
    name: 'consultation',
    component: () => import('../../../views/consultation/detail.vue'),
    props: idProp,
    meta: { titleKey: 'consultation.detail.title', permission: 'consultation:read', order: 9 },
  },
  {
    path: 'consultations/:id(\\d+)/entry',
    name: 'consultation-entry',
    component: () => import('../../../views/consultation/entry.vue'),
    props: idProp,
    // Ballot entry: consultation:ballot:write (or ballot:write), checked here as either one.
    beforeEnter: () => canWriteBallots(hasPermission) || { name: 'home' },
    meta: { titleKey: 'consultation.paper.title', permission: 'consultation:read', order: 9 },
  },
  {
    path: 'consultations/:id(\\d+)/followups',
    name: 'consultation-followups',
    component: () => import('../../../views/consultation/followups.vue'),
    props: idProp,
    meta: { titleKey: 'consultation.followup.title', permission: 'consultation:read', order: 9 },
  },
]
export default routes
