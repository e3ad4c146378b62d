// The audit log (platform context audit). One piece of the message tree: ../index.ts merges every <context>/zh-CN.ts
// (keys `context.entity.field`; a context may also add its own entries under shared parents such
// as menu.*, home.stage.*, h5.module.*). vue-i18n syntax: {name} is a placeholder; avoid a bare
// @ or | in messages (linked / plural).
const messages = {
  audit: {
    entry: {
      title: '审计日志',
      at: '时间',
      user: '用户',
      role: '角色',
      action: '操作',
      entity: '对象类型',
      entityId: '对象编号',
      region: '区划',
      requestId: '请求编号',
      hash: '哈希',
      changes: '变更内容',
      field: '字段',
      from: '原值',
      to: '新值',
      noChanges: '无字段变更',
      dateRange: '时间范围',
      startDate: '开始日期',
      endDate: '结束日期',
      entityPlaceholder: '如 user',
      actionPlaceholder: '如 user.create',
    },
  },
  menu: {
    audit: '审计日志',
  },
}

export type MessageSchema = typeof messages
export default messages
