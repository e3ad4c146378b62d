import type { RouteRecordRaw } from 'vue-router'

// The grid workers' check-up capture (issue #4): works offline once opened (`offline`); one
// chunk for all its pages (views/checkup/pages.ts). The home tile opens the worker's campaigns.
const ids = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id), estateId: Number(r.params.estateId) })

const routes: RouteRecordRaw[] = [
  {
    path: '/checkup',
    name: 'checkup',
    component: () => import('../../../views/checkup/pages').then((m) => m.CaptureIndex),
    meta: {
      titleKey: 'checkup.h5.title',
      offline: true,
      home: { key: 'checkup', titleKey: 'h5.module.checkup', icon: 'todo-list-o', order: 20, permission: 'checkup:capture' },
    },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)',
    name: 'checkup-estate',
    component: () => import('../../../views/checkup/pages').then((m) => m.CaptureEstate),
    props: ids,
    meta: { titleKey: 'checkup.h5.title', offline: true },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)/estate',
    name: 'checkup-estate-checklist',
    component: () => import('../../../views/checkup/pages').then((m) => m.CaptureChecklist),
    props: ids,
    meta: { titleKey: 'checkup.h5.checklist', offline: true },
  },
  {
    path: '/checkup/:id(\\d+)/:estateId(\\d+)/buildings/:buildingId(\\d+)',
    name: 'checkup-building-checklist',
    component: () => import('../../../views/checkup/pages').then((m) => m.CaptureChecklist),
    props: (r) => ({ ...ids(r), buildingId: Number(r.params.buildingId) }),
    meta: { titleKey: 'checkup.h5.checklist', offline: true },
  },
]
export default routes
