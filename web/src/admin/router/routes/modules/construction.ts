import type { RouteRecordRaw } from 'vue-router'
import { Calendar, List, Tools, Warning } from '@element-plus/icons-vue'

// Construction (issue #13, docs/construction.md): one "施工管理" group with the projects on site
// (each project's steps, schedule and Gantt chart, alerts, progress, household works and notices
// below it), the delay alerts of the user's area and a region's seasons. Every page needs
// construction:read; the writes are checked on each button.
const group = { titleKey: 'menu.construction', icon: Tools }

const routes: RouteRecordRaw[] = [
  {
    path: 'construction',
    name: 'construction-projects',
    component: () => import('../../../views/construction/list.vue'),
    meta: { titleKey: 'menu.constructionProjects', permission: 'construction:read', icon: List, order: 10.1, group },
  },
  {
    path: 'construction/alerts',
    name: 'construction-alerts',
    component: () => import('../../../views/construction/alerts.vue'),
    meta: { titleKey: 'menu.constructionAlerts', permission: 'construction:read', icon: Warning, order: 10.2, group },
  },
  {
    path: 'construction/seasons',
    name: 'construction-seasons',
    component: () => import('../../../views/construction/seasons.vue'),
    meta: { titleKey: 'menu.constructionSeasons', permission: 'construction:read', icon: Calendar, order: 10.3, group },
  },
  {
    path: 'construction/projects/:id(\\d+)',
    name: 'construction-project',
    component: () => import('../../../views/construction/detail.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { titleKey: 'construction.list.open', permission: 'construction:read', order: 10.9 },
  },
]
export default routes
