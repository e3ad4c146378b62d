import type { RouteRecordRaw } from 'vue-router'

// Construction (issue #13): the contractor's progress report, which works offline once opened
// (`offline`: the reports wait on the phone and are sent when back online), with its home tile;
// and the residents' public page of an estate's works (`/h5/works/<estateId>`, no login), which a
// notice's QR code opens.
const routes: RouteRecordRaw[] = [
  {
    path: '/construction',
    name: 'construction',
    component: () => import('../../../views/construction/index.vue'),
    meta: {
      titleKey: 'h5.construction.title',
      offline: true,
      home: { key: 'construction', titleKey: 'h5.module.construction', icon: 'setting-o', order: 50, permission: 'construction:progress:write' },
    },
  },
  {
    path: '/construction/:id(\\d+)',
    name: 'construction-report',
    component: () => import('../../../views/construction/report.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { titleKey: 'h5.construction.title', offline: true },
  },
  {
    path: '/works/:estateId(\\d+)',
    name: 'works',
    component: () => import('../../../views/construction/works.vue'),
    props: (r) => ({ estateId: Number(r.params.estateId) }),
    meta: { public: true, titleKey: 'h5.works.title' },
  },
]
export default routes
