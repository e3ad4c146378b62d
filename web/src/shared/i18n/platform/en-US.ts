// The app shell of both apps: common words, languages, the home pages, the H5 tabs, and the programme steps not built yet. Same keys as ./zh-CN.ts: the type makes a missing or extra key a compile error,
// and ../i18n.test.ts checks it at test time.
import type { MessageSchema } from './zh-CN'

const messages: MessageSchema = {
  common: {
    appName: 'Huanxin',
    appTitle: 'Old Estate Renovation',
    all: 'All',
    empty: '—',
    loading: 'Loading…',
    comingSoon: 'Coming soon',
    operations: 'Actions',
    yes: 'Yes',
    no: 'No',
    action: {
      search: 'Search',
      reset: 'Reset',
      create: 'New',
      edit: 'Edit',
      save: 'Save',
      cancel: 'Cancel',
      confirm: 'OK',
      refresh: 'Refresh',
      logout: 'Log out',
      enable: 'Enable',
      disable: 'Disable',
      delete: 'Delete',
      view: 'Open',
      export: 'Export',
      back: 'Back',
    },
    status: {
      enabled: 'Active',
      disabled: 'Disabled',
    },
    error: {
      network: 'Cannot reach the server. Check the network and try again.',
      http: 'The server answered with an error (HTTP {status}).',
    },
    validation: {
      required: '{field} is required',
    },
  },
  locale: {
    label: 'Language',
    zhCN: '简体中文',
    enUS: 'English',
  },
  menu: {
    home: 'Home',
    me: 'Me',
    apiDocs: 'API docs',
  },
  home: {
    welcome: 'Welcome, {name}',
    scope: 'Scope',
    role: 'Role',
    stagesTitle: 'The programme, end to end',
    stage: {
      project: { title: 'Projects and funding', desc: 'Projects, plan publicity and funding sources' },
      construction: { title: 'Construction', desc: 'Work steps and utility coordination' },
      supervision: { title: 'Supervision and tickets', desc: 'Volunteer inspections, rectification and residents’ tickets' },
      stewardship: { title: 'Long-term management and assessment', desc: 'Property services, upkeep and evaluation' },
      publicity: { title: 'Publicity', desc: 'Plans, money and progress made public' },
    },
  },
  h5: {
    // The sync bar of a phone outbox (h5/components/outbox-bar.vue).
    outbox: {
      offline: 'Offline',
      pending: '{n} waiting to upload',
      syncing: 'Uploading',
      synced: 'All uploaded',
      failed: '{n} failed',
      retry: 'Retry',
    },
    home: {
      title: 'Huanxin',
      welcome: 'Hello, {name}',
      availableTitle: 'My work',
      modulesTitle: 'Coming soon',
    },
    me: {
      title: 'Me',
      account: 'Account',
    },
    module: {
      project: 'Projects and funding',
      construction: 'Construction',
      supervision: 'Supervision and tickets',
      stewardship: 'Long-term management',
    },
  },
}

export default messages
