import type { RouteRecordRaw } from 'vue-router'
import { HomeFilled } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: '',
    name: 'home',
    component: () => import('../../../views/home/index.vue'),
    meta: { titleKey: 'menu.home', icon: HomeFilled, order: 0 },
  },
]
export default routes
