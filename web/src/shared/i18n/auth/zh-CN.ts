// Log-in, roles and users (platform context auth). One piece of the message tree: ../index.ts merges every <context>/zh-CN.ts
// (keys `context.entity.field`; a context may also add its own entries under shared parents such
// as menu.*, home.stage.*, h5.module.*). vue-i18n syntax: {name} is a placeholder; avoid a bare
// @ or | in messages (linked / plural).
const messages = {
  auth: {
    login: {
      title: '登录',
      subtitle: '城镇老旧小区改造全流程管理',
      username: '用户名',
      password: '密码',
      submit: '登录',
    },
    role: {
      admin: '系统管理员',
      bureau: '区县住建局',
      street: '街道办',
      community: '社区工作人员',
      supervisor: '义务监督员',
      contractor: '施工/监理单位',
      utility: '专业经营单位',
      property: '物业服务企业',
      resident: '居民',
    },
    scope: {
      all: '全部辖区',
    },
    user: {
      title: '用户',
      username: '用户名',
      displayName: '姓名',
      role: '角色',
      scope: '管辖范围',
      phone: '手机号',
      status: '状态',
      createdAt: '创建时间',
      password: '初始密码',
      newPassword: '新密码',
      confirmPassword: '确认密码',
      disabled: '停用账号',
      keyword: '关键词',
      keywordPlaceholder: '用户名、姓名或手机号',
      regionPlaceholder: '按辖区筛选',
      passwordRule: '至少 10 位，包含小写字母、大写字母、数字、符号中的至少 3 类，且不能与用户名相同',
      passwordTooShort: '密码至少 10 位',
      passwordClasses: '密码需包含小写字母、大写字母、数字、符号中的至少 3 类',
      passwordSameAsUsername: '密码不能与用户名相同',
      passwordMismatch: '两次输入的密码不一致',
      createTitle: '新建用户',
      editTitle: '编辑用户 {username}',
      resetTitle: '重置 {username} 的密码',
      resetPassword: '重置密码',
      created: '已创建用户 {username}',
      updated: '已保存用户 {username}',
      passwordReset: '已重置 {username} 的密码',
      enabledMessage: '已启用 {username}',
      disabledMessage: '已停用 {username}',
      confirmDisable: '确定停用用户 {username}？停用后该账号无法登录。',
    },
  },
  menu: {
    users: '用户管理',
  },
}

export type MessageSchema = typeof messages
export default messages
