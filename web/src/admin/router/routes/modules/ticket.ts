import type { RouteRecordRaw } from 'vue-router'
import { ChatLineSquare, DataAnalysis, List, Phone } from '@element-plus/icons-vue'

// Resident tickets (issue #14, docs/ticket.md): one "居民诉求" group with the queue (routing,
// response-time colours, transitions, merge), the figures and the building contacts. Every page
// needs ticket:read; the writes are checked on each button.
const group = { titleKey: 'menu.tickets', icon: ChatLineSquare }

const routes: RouteRecordRaw[] = [
  {
    path: 'tickets',
    name: 'ticket-queue',
    component: () => import('../../../views/ticket/queue.vue'),
    meta: { titleKey: 'menu.ticketQueue', permission: 'ticket:read', icon: List, order: 12.1, group },
  },
  {
    path: 'tickets/figures',
    name: 'ticket-figures',
    component: () => import('../../../views/ticket/figures.vue'),
    meta: { titleKey: 'menu.ticketFigures', permission: 'ticket:read', icon: DataAnalysis, order: 12.2, group },
  },
  {
    path: 'tickets/contacts',
    name: 'ticket-contacts',
    component: () => import('../../../views/ticket/contacts.vue'),
    meta: { titleKey: 'menu.ticketContacts', permission: 'ticket:read', icon: Phone, order: 12.3, group },
  },
]
export default routes
