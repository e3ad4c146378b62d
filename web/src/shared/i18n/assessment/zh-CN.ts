// Assessment of streets and departments (issue #15, docs/assessment.md): KPIs with formulas, the
// department responsibility matrix, joint meetings and action items, the annual evaluation and the
// monthly upward report. One piece of the message tree merged by ../messages.ts. vue-i18n syntax:
// {name} is a placeholder; avoid a bare @ or | in messages.
const messages = {
  menu: {
    assessment: '督查考核',
    assessmentKpis: '考核指标',
    assessmentDuties: '部门职责',
    assessmentMeetings: '联席会议',
    assessmentEvaluation: '年度绩效评价',
  },
  assessment: {
    region: '地区',
    year: '年度',
    month: '月份',
    query: '查询',
    total: '全区合计',
    street: '街道',
    department: '部门',
    value: '数值',
    formula: '计算公式',
    inputs: '输入数据',
    noValue: '无数据',
    days: '{n} 个工作日',
    task: '职责',
    kpis: '负责指标',
    isDefault: '尚未保存，显示默认职责（依据工作方案）',
    saveDefault: '保存为本地区职责',
    saved: '已保存',
    meetings: {
      new: '新增联席会议',
      heldOn: '会议日期',
      title: '会议名称',
      attendees: '参会部门',
      minutes: '会议纪要',
      actions: '督办事项',
      owner: '责任部门',
      deadline: '完成时限',
      status: '状态',
      markDone: '标记完成',
      create: '保存',
      remove: '删除',
      empty: '暂无联席会议',
    },
    status: { open: '办理中', done: '已完成', overdue: '已逾期' },
    evaluation: {
      group: '一级指标',
      indicator: '二级指标',
      max: '分值',
      points: '得分',
      mode: '来源',
      modes: { entered: '填报', computed: '按数据计算', none: '未评分' },
      enter: '填报',
      compute: '按数据计算',
      totalGrade: '总分 {total} 分，等次：{grade}',
      pdf: '下载自评报告（PDF）',
      xlsx: '下载自评报告（Excel）',
    },
    monthly: '下载月度上报表',
    kpi: {
      start_rate: '开工率',
      completion_rate: '完工率',
      fund_execution: '资金执行率',
      satisfaction: '居民满意度',
      ticket_compliance: '诉求按时响应率',
      rectification_days: '整改平均办结时长',
    },
  },
}

export type MessageSchema = typeof messages
export default messages
