import type { RouteRecordRaw } from 'vue-router'
import { User } from '@element-plus/icons-vue'

const routes: RouteRecordRaw[] = [
  {
    path: 'users',
    name: 'users',
    component: () => import('../../../views/auth/user/list.vue'),
    meta: { titleKey: 'menu.users', permission: 'user:manage', icon: User, order: 10 },
  },
]
export default routes
