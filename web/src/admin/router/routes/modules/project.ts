import type { RouteRecordRaw } from 'vue-router'
import { Coin, DataLine, Files, FolderOpened, Histogram, Place } from '@element-plus/icons-vue'

// Projects and money (issue #12, docs/project.md): one "项目与资金" group in the menu with the
// annual plans, the reserve pool, the projects (detail below them), the resource list and the
// programme statistics; every page needs project:read, the writes are checked on each button.
const idProp = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) })
const group = { titleKey: 'menu.project', icon: Coin }

const routes: RouteRecordRaw[] = [
  {
    path: 'projects/plans',
    name: 'project-plans',
    component: () => import('../../../views/project/plans.vue'),
    meta: { titleKey: 'menu.projectPlans', permission: 'project:read', icon: DataLine, order: 9.1, group },
  },
  {
    path: 'projects/pool',
    name: 'project-pool',
    component: () => import('../../../views/project/pool.vue'),
    meta: { titleKey: 'menu.projectPool', permission: 'project:read', icon: FolderOpened, order: 9.2, group },
  },
  {
    path: 'projects',
    name: 'projects',
    component: () => import('../../../views/project/list.vue'),
    meta: { titleKey: 'menu.projectList', permission: 'project:read', icon: Files, order: 9.3, group },
  },
  {
    path: 'projects/resources',
    name: 'project-resources',
    component: () => import('../../../views/project/resources.vue'),
    meta: { titleKey: 'menu.projectResources', permission: 'project:read', icon: Place, order: 9.4, group },
  },
  {
    path: 'projects/stats',
    name: 'project-stats',
    component: () => import('../../../views/project/stats.vue'),
    meta: { titleKey: 'menu.projectStats', permission: 'project:read', icon: Histogram, order: 9.5, group },
  },
  {
    path: 'projects/:id(\\d+)',
    name: 'project',
    component: () => import('../../../views/project/detail.vue'),
    props: idProp,
    meta: { titleKey: 'project.detail.title', permission: 'project:read', order: 9.9 },
  },
]
export default routes
