import type { RouteRecordRaw } from 'vue-router'

// Acceptance (issue #14, docs/acceptance.md): household acceptance at the door — the grid
// worker or street staff picks the dwelling and the work, the resident signs on the phone or
// refuses with a reason (online: the signature is uploaded, then the result recorded).
const routes: RouteRecordRaw[] = [
  {
    path: '/acceptance',
    name: 'acceptance',
    component: () => import('../../../views/acceptance/index.vue'),
    meta: {
      titleKey: 'h5.acceptance.title',
      home: { key: 'acceptance', titleKey: 'h5.module.acceptance', icon: 'sign', order: 65, permission: 'acceptance:household:write' },
    },
  },
  {
    path: '/acceptance/:id(\\d+)',
    name: 'acceptance-household',
    component: () => import('../../../views/acceptance/household.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { titleKey: 'h5.acceptance.title' },
  },
]
export default routes
