import type { RouteRecordRaw } from 'vue-router'
import { OfficeBuilding } from '@element-plus/icons-vue'

// The estate register (issue #3). Only the list is in the menu; the estate page and its import
// page hang below it (the menu keeps the list highlighted).
const routes: RouteRecordRaw[] = [
  {
    path: 'register/estates',
    name: 'estates',
    component: () => import('../../../views/register/estate/list.vue'),
    meta: { titleKey: 'menu.register', permission: 'register:read', icon: OfficeBuilding, order: 5 },
  },
  {
    path: 'register/estates/:id(\\d+)',
    name: 'estate',
    component: () => import('../../../views/register/estate/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { titleKey: 'register.estate.detailTitle', permission: 'register:read', order: 6 },
  },
  {
    path: 'register/estates/:id(\\d+)/import',
    name: 'estate-import',
    component: () => import('../../../views/register/import/index.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { titleKey: 'register.import.title', permission: 'register:write', order: 7 },
  },
]
export default routes
