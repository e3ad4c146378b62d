import type { RouteRecordRaw } from 'vue-router'
import { Finished, Stamp, Timer } from '@element-plus/icons-vue'

// Acceptance (issue #14, docs/acceptance.md): one "竣工验收" group with a project's completion
// acceptance — participants, scored checklist, punch list, then the permanent sign and the
// handover — (`?projectId=`, also opened from the project's page) and the warranties per project
// or estate with their days left. Both need acceptance:read; the writes are checked on each button.
const group = { titleKey: 'menu.acceptance', icon: Finished }

const routes: RouteRecordRaw[] = [
  {
    path: 'acceptance',
    name: 'acceptance-form',
    component: () => import('../../../views/acceptance/form.vue'),
    meta: { titleKey: 'menu.acceptanceForm', permission: 'acceptance:read', icon: Stamp, order: 11.6, group },
  },
  {
    path: 'acceptance/warranties',
    name: 'acceptance-warranties',
    component: () => import('../../../views/acceptance/warranties.vue'),
    meta: { titleKey: 'menu.acceptanceWarranties', permission: 'acceptance:read', icon: Timer, order: 11.7, group },
  },
]
export default routes
