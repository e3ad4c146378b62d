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
    usersByRole: '各角色账号数',
    accounts: '账号数',
    stage: {
      plan: { title: '方案与公示', desc: '改造方案编制与公开公示' },
      funding: { title: '资金筹措', desc: '多渠道资金来源与使用' },
      construction: { title: '施工组织', desc: '工序安排与管线单位协同' },
      supervision: { title: '质量监督', desc: '义务监督员巡查与整改' },
      acceptance: { title: '竣工验收', desc: '联合验收与保修' },
      stewardship: { title: '长效管理', desc: '物业服务与后续管护' },
      assessment: { title: '绩效评价', desc: '考核评价与群众满意度' },
    },
  },
  h5: {
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
