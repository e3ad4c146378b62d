import type { RouteRecordRaw } from 'vue-router'

// Resident tickets (issue #14): public pages, no login — filing a ticket (`/h5/tickets/new`,
// `?estate=<id>` from an estate's link or QR code) and following one by its code
// (`/h5/tickets/<code>`, the link the demo prints; `/h5/tickets` asks for the code).
const routes: RouteRecordRaw[] = [
  {
    path: '/tickets/new',
    name: 'ticket-new',
    component: () => import('../../../views/ticket/file.vue'),
    meta: { public: true, titleKey: 'h5.ticket.title' },
  },
  {
    path: '/tickets/:code?',
    name: 'ticket-follow',
    component: () => import('../../../views/ticket/follow.vue'),
    props: (r) => ({ code: typeof r.params.code === 'string' && r.params.code ? r.params.code : undefined }),
    meta: { public: true, titleKey: 'h5.ticket.followTitle' },
  },
]
export default routes
