// Regions and grids (context region). One piece of the message tree: ../index.ts merges every <context>/zh-CN.ts
// (keys `context.entity.field`; a context may also add its own entries under shared parents such
// as menu.*, home.stage.*, h5.module.*). vue-i18n syntax: {name} is a placeholder; avoid a bare
// @ or | in messages (linked / plural).
const messages = {
  region: {
    region: {
      title: '行政区划',
      name: '名称',
      code: '代码',
      level: '层级',
      addGrid: '添加网格',
      gridName: '网格名称',
      gridNamePlaceholder: '如 第一网格',
      gridTitle: '在 {name} 下添加网格',
      gridCreated: '已添加网格 {name}',
      placeholder: '选择区划',
    },
    level: {
      province: '省',
      city: '市',
      county: '区县',
      street: '街道/乡镇',
      community: '社区/村',
      grid: '网格',
    },
  },
  menu: {
    regions: '行政区划',
  },
}

export type MessageSchema = typeof messages
export default messages
