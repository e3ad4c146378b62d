// Regions and grids (context region). Same keys as ./zh-CN.ts: the type makes a missing or extra key a compile error,
// and ../i18n.test.ts checks it at test time.
import type { MessageSchema } from './zh-CN'

const messages: MessageSchema = {
  region: {
    region: {
      title: 'Regions',
      name: 'Name',
      code: 'Code',
      level: 'Level',
      addGrid: 'Add grid',
      gridName: 'Grid name',
      gridNamePlaceholder: 'e.g. Grid 1',
      gridTitle: 'Add a grid under {name}',
      gridCreated: 'Grid {name} added',
      placeholder: 'Choose a region',
    },
    level: {
      province: 'Province',
      city: 'City',
      county: 'County',
      street: 'Street / town',
      community: 'Community / village',
      grid: 'Grid',
    },
  },
  menu: {
    regions: 'Regions',
  },
}

export default messages
