import type { viOfficers } from './messages.vi';

export const enOfficers: Record<keyof typeof viOfficers, string> = {
  'error.forbidden.commander_only': 'Only a commander may do this.',
  'error.conflict.badge_taken': 'This badge number belongs to another officer.',
  'error.conflict.last_commander':
    'The station must keep at least one active commander. Add or reactivate another commander first.',
  'error.conflict.cannot_deactivate_self':
    'You cannot deactivate your own account. Ask another commander.',
  'field.invalid_badge': 'Digits, letters and dashes only (e.g. 123-456)',
  'field.badge_taken': 'This badge number belongs to another officer',

  'officer.fullName': 'Full name',
  'officer.fullNamePlaceholder': 'e.g. Nguyễn Văn An',
  'officer.rank': 'Rank',
  'officer.rankPlaceholder': 'Pick or type, e.g. Đại úy',
  'officer.badgeNumber': 'Badge number',
  'officer.badgePlaceholder': 'e.g. 123-456',
  'officer.role': 'Role',
  'officer.password': 'Password',
  'officer.passwordConfirm': 'Repeat the password',
  'officer.passwordHint': 'At least 8 characters',

  'role.duty': 'Duty officer',
  'role.commander': 'Commander',
  'role.dutyHint': 'Watches cameras, logs incidents, hands shifts over.',
  'role.commanderHint':
    'As a duty officer, plus: officers, cameras, storage, station settings, unlocking evidence, the audit log.',

  'officers.title': 'Officers',
  'officers.count': '{active} active / {total} accounts',
  'officers.add': 'Add officer',
  'officers.addTitle': 'Add officer',
  'officers.editTitle': 'Edit: {name}',
  'officers.create': 'Create account',
  'officers.col.officer': 'Officer',
  'officers.col.status': 'Status',
  'officers.col.lastSignIn': 'Last sign-in',
  'officers.col.actions': 'Actions',
  'officers.active': 'Active',
  'officers.inactive': 'Deactivated',
  'officers.never': 'Never',
  'officers.you': 'you',
  'officers.edit': 'Edit',
  'officers.reset': 'Reset password',
  'officers.deactivate': 'Deactivate',
  'officers.deactivateConfirm': 'Click again to confirm',
  'officers.reactivate': 'Reactivate',
  'officers.selfHint': 'You cannot deactivate your own account',
  'officers.resetTitle': 'Reset password: {name}',
  'officers.resetNote':
    'Tell the officer the new password in person and ask them to change it after signing in (officer menu → Change password).',
  'officers.resetSubmit': 'Set new password',
  'toast.passwordReset': 'Password of {name} reset',
  'toast.officerAdded': 'Account created for {name}',
  'toast.officerSaved': 'Saved {name}',
  'toast.officerDeactivated': 'Account of {name} deactivated',
  'toast.officerReactivated': 'Account of {name} reactivated',
};
