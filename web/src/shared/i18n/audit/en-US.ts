// The audit log (platform context audit). Same keys as ./zh-CN.ts: the type makes a missing or extra key a compile error,
// and ../i18n.test.ts checks it at test time.
import type { MessageSchema } from './zh-CN'

const messages: MessageSchema = {
  audit: {
    entry: {
      title: 'Audit log',
      at: 'Time',
      user: 'User',
      role: 'Role',
      action: 'Action',
      entity: 'Entity',
      entityId: 'Entity ID',
      region: 'Region',
      requestId: 'Request ID',
      hash: 'Hash',
      changes: 'Changes',
      field: 'Field',
      from: 'From',
      to: 'To',
      noChanges: 'No field changes',
      dateRange: 'Date range',
      startDate: 'Start date',
      endDate: 'End date',
      entityPlaceholder: 'e.g. user',
      actionPlaceholder: 'e.g. user.create',
    },
  },
  menu: {
    audit: 'Audit log',
  },
}

export default messages
