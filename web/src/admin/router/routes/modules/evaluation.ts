import type { RouteRecordRaw } from 'vue-router'
import { DataAnalysis, EditPen, List, Trophy } from '@element-plus/icons-vue'

// Evaluations (issue #15, docs/evaluation.md): one "检查评比" group with the evaluation entry (an
// estate scored with a scorecard, live total and grade, rectification requests that issue orders),
// the scorecard editor and the rankings of estates and streets with the commendation and criticism
// lists. All need evaluation:read; the writes are checked on each button by the server.
const group = { titleKey: 'menu.evaluation', icon: Trophy }

const routes: RouteRecordRaw[] = [
  {
    path: 'evaluation',
    name: 'evaluation-entry',
    component: () => import('../../../views/evaluation/entry.vue'),
    meta: { titleKey: 'menu.evaluationEntry', permission: 'evaluation:read', icon: EditPen, order: 11.8, group },
  },
  {
    path: 'evaluation/rankings',
    name: 'evaluation-rankings',
    component: () => import('../../../views/evaluation/rankings.vue'),
    meta: { titleKey: 'menu.evaluationRankings', permission: 'evaluation:read', icon: DataAnalysis, order: 11.81, group },
  },
  {
    path: 'evaluation/scorecards',
    name: 'evaluation-scorecards',
    component: () => import('../../../views/evaluation/scorecards.vue'),
    meta: { titleKey: 'menu.evaluationScorecards', permission: 'evaluation:read', icon: List, order: 11.82, group },
  },
]
export default routes
