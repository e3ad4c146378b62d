import type { RouteRecordRaw } from 'vue-router'

// Supervision (issue #14): the supervisor's inspection, which works offline once opened
// (`offline`: the inspections wait on the phone's outbox and are sent when back online), with its
// home tile; and the responsible unit's reply to an order with the same-spot photo (online).
const routes: RouteRecordRaw[] = [
  {
    path: '/supervision',
    name: 'supervision',
    component: () => import('../../../views/supervision/index.vue'),
    meta: {
      titleKey: 'h5.supervision.title',
      offline: true,
      home: { key: 'supervision', titleKey: 'h5.module.supervision', icon: 'eye-o', order: 60, permission: 'supervision:read' },
    },
  },
  {
    path: '/supervision/:id(\\d+)',
    name: 'supervision-inspect',
    component: () => import('../../../views/supervision/inspect.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { titleKey: 'h5.supervision.title', offline: true },
  },
  {
    path: '/supervision/orders',
    name: 'supervision-orders',
    component: () => import('../../../views/supervision/orders.vue'),
    meta: { titleKey: 'h5.supervision.orders' },
  },
  {
    path: '/supervision/orders/:orderId(\\d+)',
    name: 'supervision-reply',
    component: () => import('../../../views/supervision/reply.vue'),
    props: (r) => ({ orderId: Number(r.params.orderId) }),
    meta: { titleKey: 'h5.supervision.reply.title' },
  },
]
export default routes
