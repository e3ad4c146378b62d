// Every built context's home card: admin/views/<context>/workbench.ts, found by glob (a new
// context adds its file and touches nothing here).
import type { StepCard } from './data'

const modules = import.meta.glob<{ default: StepCard }>('../*/workbench.ts', { eager: true })

export const STEP_CARDS: StepCard[] = Object.keys(modules)
  .sort()
  .map((path) => modules[path].default)
