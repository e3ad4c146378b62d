import type { RouteRecordRaw } from 'vue-router'
import { Tickets } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: 'audit',
    name: 'audit',
    component: () => import('../../../views/audit/entry/list.vue'),
    meta: { titleKey: 'menu.audit', permission: 'audit:read', icon: Tickets, order: 20 },
  },
]
export default routes
