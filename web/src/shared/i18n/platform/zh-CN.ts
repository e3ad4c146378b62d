// The app shell of both apps: common words, languages, the home pages, the H5 tabs, and the programme steps not built yet. One piece of the message tree: ../index.ts merges every <context>/zh-CN.ts
// (keys `context.entity.field`; a context may also add its own entries under shared parents such
// as menu.*, home.stage.*, h5.module.*). vue-i18n syntax: {name} is a placeholder; avoid a bare
// @ or | in messages (linked / plural).
const messages = {
  common: {
    appName: '焕新',
    appTitle: '老旧小区改造平台',
    all: '全部',
    empty: '—',
    loading: '加载中…',
    comingSoon: '即将上线',
    operations: '操作',
    yes: '是',
    no: '否',
    action: {
      search: '查询',
      reset: '重置',
      create: '新建',
      edit: '编辑',
      save: '保存',
      cancel: '取消',
      confirm: '确定',
      refresh: '刷新',
      logout: '退出登录',
      enable: '启用',
      disable: '停用',
      delete: '删除',
      view: '查看',
      export: '导出',
      back: '返回',
    },
    status: {
      enabled: '正常',
      disabled: '已停用',
    },
    error: {
      network: '无法连接服务器，请检查网络后重试',
      http: '服务器返回错误（HTTP {status}）',
    },
    validation: {
      required: '请填写{field}',
    },
  },
  locale: {
    label: '语言',
    zhCN: '简体中文',
    enUS: 'English',
  },
  menu: {
    home: '首页',
    me: '我的',
    apiDocs: '接口文档',
  },
  home: {
    welcome: '欢迎，{name}',
    scope: '管辖范围',
    role: '角色',
    stagesTitle: '改造全流程',
    // Steps not built yet (admin/views/home/data.ts PLANNED_STEPS); the context that builds one
    // brings its own card (admin/views/<context>/workbench.ts) and may keep using its text here.
    stage: {
      project: { title: '项目与资金', desc: '项目生成、方案公示与资金筹措' },
      construction: { title: '施工', desc: '工序安排与管线单位协同' },
      supervision: { title: '监督与诉求', desc: '义务监督员巡查、整改与居民诉求' },
      stewardship: { title: '长效管理与考核', desc: '物业服务、后续管护与绩效评价' },
      publicity: { title: '公开', desc: '改造计划、资金与进度向社会公开' },
    },
  },
  h5: {
    // The sync bar of a phone outbox (h5/components/outbox-bar.vue).
    outbox: {
      offline: '离线',
      pending: '{n} 条待上传',
      syncing: '正在上传',
      synced: '已全部上传',
      failed: '{n} 条上传失败',
      retry: '重试',
    },
    home: {
      title: '焕新',
      welcome: '你好，{name}',
      availableTitle: '我的功能',
      modulesTitle: '即将开放的功能',
    },
    me: {
      title: '我的',
      account: '账号信息',
    },
    module: {
      project: '项目与资金',
      construction: '施工',
      supervision: '监督与诉求',
      stewardship: '长效管理',
    },
  },
}

export type MessageSchema = typeof messages
export default messages
