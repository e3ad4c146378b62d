// The register's card on the admin home (views/home/data.ts): estates in the user's scope and how
// many may be renovated.
import { defineStepCard } from '../home/data'
import type { RegisterWorkbench } from '@/shared/api/workbench'

const estates = { name: 'estates' }

export default defineStepCard<RegisterWorkbench>({
  step: 'register',
  order: 10,
  title: { key: 'home.stage.register.title' },
  desc: { key: 'home.stage.register.desc' },
  section: 'register',
  figures: (s) => [
    { key: 'estates', label: { key: 'register.workbench.estates' }, value: s.estates, to: estates },
    { key: 'eligible', label: { key: 'register.workbench.eligible' }, value: s.eligible },
    { key: 'extension', label: { key: 'register.workbench.extension' }, value: s.extension },
    { key: 'buildings', label: { key: 'register.workbench.buildings' }, value: s.buildings },
    { key: 'dwellings', label: { key: 'register.workbench.dwellings' }, value: s.dwellings },
  ],
  links: () => [{ key: 'estates', label: { key: 'register.workbench.estateList' }, to: estates }],
})
