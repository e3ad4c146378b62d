// Log-in, roles and users (platform context auth). Same keys as ./zh-CN.ts: the type makes a missing or extra key a compile error,
// and ../i18n.test.ts checks it at test time.
import type { MessageSchema } from './zh-CN'

const messages: MessageSchema = {
  auth: {
    login: {
      title: 'Log in',
      subtitle: 'Old residential estate renovation, end to end',
      username: 'Username',
      password: 'Password',
      submit: 'Log in',
    },
    role: {
      admin: 'Administrator',
      bureau: 'Housing bureau',
      street: 'Street office',
      community: 'Community staff',
      supervisor: 'Volunteer supervisor',
      contractor: 'Contractor / supervision firm',
      utility: 'Utility company',
      property: 'Property management',
      resident: 'Resident',
    },
    scope: {
      all: 'All regions',
    },
    user: {
      title: 'Users',
      username: 'Username',
      displayName: 'Display name',
      role: 'Role',
      scope: 'Scope',
      phone: 'Phone',
      status: 'Status',
      createdAt: 'Created',
      password: 'Initial password',
      newPassword: 'New password',
      confirmPassword: 'Confirm password',
      disabled: 'Account disabled',
      keyword: 'Keyword',
      keywordPlaceholder: 'Username, name or phone',
      regionPlaceholder: 'Filter by region',
      passwordRule:
        'At least 10 characters with at least 3 of: lowercase, uppercase, digit, symbol; not the username',
      passwordTooShort: 'The password needs at least 10 characters',
      passwordClasses: 'Use at least 3 of: lowercase, uppercase, digit, symbol',
      passwordSameAsUsername: 'The password must differ from the username',
      passwordMismatch: 'The passwords do not match',
      createTitle: 'New user',
      editTitle: 'Edit user {username}',
      resetTitle: 'Reset the password of {username}',
      resetPassword: 'Reset password',
      created: 'User {username} created',
      updated: 'User {username} saved',
      passwordReset: 'Password of {username} reset',
      enabledMessage: '{username} enabled',
      disabledMessage: '{username} disabled',
      confirmDisable: 'Disable user {username}? The account will no longer be able to log in.',
    },
  },
  menu: {
    users: 'Users',
  },
}

export default messages
