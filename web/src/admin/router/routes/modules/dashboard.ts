import type { RouteRecordRaw } from 'vue-router'
import { DataBoard } from '@element-plus/icons-vue'

// The big-screen dashboard (issue #15): 1920×1080, covers the whole window (the page lays itself
// over the layout), per county or city, refreshing itself. Its figures are the public ones plus
// the street rankings.
const routes: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('../../../views/dashboard/index.vue'),
    meta: { titleKey: 'menu.dashboard', icon: DataBoard, order: 0.5 },
  },
]
export default routes
