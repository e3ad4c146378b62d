import type { RouteRecordRaw } from 'vue-router'

// Residents' voting (issue #5): the ballot a printed QR code opens, the page to type its code
// instead, and the receipt check. Public: the code is the credential.
const routes: RouteRecordRaw[] = [
  {
    path: '/ballot',
    name: 'ballot-entry',
    component: () => import('../../../views/ballot-entry.vue'),
    meta: {
      public: true,
      titleKey: 'h5.ballot.title',
      home: { key: 'ballot', titleKey: 'h5.module.ballot', icon: 'records-o', order: 30 },
    },
  },
  {
    path: '/ballot/:code',
    name: 'ballot',
    component: () => import('../../../views/ballot.vue'),
    props: true,
    meta: { public: true, titleKey: 'h5.ballot.title' },
  },
  {
    path: '/receipt/:code?',
    name: 'receipt',
    component: () => import('../../../views/receipt.vue'),
    props: true,
    meta: { public: true, titleKey: 'h5.receipt.title' },
  },
]
export default routes
