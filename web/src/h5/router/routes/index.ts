// Every context's H5 pages: router/routes/modules/<context>.ts, found by glob (a new context adds
// its file and touches nothing here). Kept apart from the router so tests can read the records.
import type { RouteRecordRaw } from 'vue-router'

const modules = import.meta.glob<{ default: RouteRecordRaw[] }>('./modules/*.ts', { eager: true })

export const moduleRoutes: RouteRecordRaw[] = Object.keys(modules)
  .sort()
  .flatMap((path) => modules[path].default)
