import type { RouteRecordRaw } from 'vue-router'

// Publicity (公示, issue #12): the public page a notice board's QR code opens
// (`/h5/#/publicity/<id>`): the notice, its window and answered objections, and a form to
// object. Public: no login.
const routes: RouteRecordRaw[] = [
  {
    path: '/publicity/:id(\\d+)',
    name: 'publicity',
    component: () => import('../../../views/project/publicity.vue'),
    props: (route) => ({ id: Number(route.params.id) }),
    meta: { public: true, titleKey: 'h5.publicity.title' },
  },
]
export default routes
