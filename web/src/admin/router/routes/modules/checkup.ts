import type { RouteRecordRaw } from 'vue-router'
import { Collection, DataAnalysis, FirstAidKit, List, Tickets } from '@element-plus/icons-vue'

// City check-up (issue #4, docs/checkup.md): one "城市体检" group in the menu with the catalogue,
// the renovation items, the campaigns (detail below them) and the problem list.
const idProp = (route: { params: Record<string, unknown> }) => ({ id: Number(route.params.id) })
const group = { titleKey: 'menu.checkup', icon: FirstAidKit }

const routes: RouteRecordRaw[] = [
  {
    path: 'checkups',
    name: 'checkups',
    component: () => import('../../../views/checkup/campaign-list.vue'),
    meta: { titleKey: 'menu.checkupCampaigns', permission: 'checkup:read', icon: List, order: 7, group },
  },
  {
    path: 'checkups/problems',
    name: 'checkup-problems',
    component: () => import('../../../views/checkup/problems.vue'),
    meta: { titleKey: 'menu.checkupProblems', permission: 'checkup:read', icon: DataAnalysis, order: 7.1, group },
  },
  {
    path: 'checkups/catalog',
    name: 'checkup-catalog',
    component: () => import('../../../views/checkup/catalog.vue'),
    meta: { titleKey: 'menu.checkupCatalog', permission: 'checkup:read', icon: Collection, order: 7.2, group },
  },
  {
    path: 'checkups/items',
    name: 'checkup-items',
    component: () => import('../../../views/checkup/items.vue'),
    meta: { titleKey: 'menu.checkupItems', permission: 'checkup:read', icon: Tickets, order: 7.3, group },
  },
  {
    path: 'checkups/:id(\\d+)',
    name: 'checkup',
    component: () => import('../../../views/checkup/campaign-detail.vue'),
    props: idProp,
    meta: { titleKey: 'checkup.campaign.detail', permission: 'checkup:read', order: 7.9 },
  },
]
export default routes
