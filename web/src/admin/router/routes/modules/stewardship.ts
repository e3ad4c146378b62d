import type { RouteRecordRaw } from 'vue-router'
import { House, OfficeBuilding } from '@element-plus/icons-vue'

// Long-term management (issue #15, docs/stewardship.md): one page per estate (`?estateId=`) with its
// management mode and the owners' vote behind it, committee, property contract, fees (bill runs,
// payments, collection rate), fee sources, maintenance fund and utility transfers. Needs
// stewardship:read; the writes answer 403 for readers.
const group = { titleKey: 'menu.stewardship', icon: House }

const routes: RouteRecordRaw[] = [
  {
    path: 'stewardship',
    name: 'stewardship-estate',
    component: () => import('../../../views/stewardship/estate.vue'),
    meta: { titleKey: 'menu.stewardshipEstate', permission: 'stewardship:read', icon: OfficeBuilding, order: 11.8, group },
  },
]
export default routes
