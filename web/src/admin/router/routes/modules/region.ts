import type { RouteRecordRaw } from 'vue-router'
import { MapLocation } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: 'regions',
    name: 'regions',
    component: () => import('../../../views/region/region/list.vue'),
    meta: { titleKey: 'menu.regions', permission: 'region:read', icon: MapLocation, order: 30 },
  },
]
export default routes
