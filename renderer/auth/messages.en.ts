import type { viAuth } from './messages.vi';

export const enAuth: Record<keyof typeof viAuth, string> = {
  'error.unauthenticated': 'Your session has ended. Sign in again to continue.',
  'error.locked': 'The screen is locked. Unlock it with your password and try again.',
  'error.forbidden.bad_password':
    'Wrong password. Check it (mind capitals and the Vietnamese keyboard).',
  'error.forbidden.inactive': 'This account is deactivated. Ask a commander to reactivate it.',
  'error.forbidden.too_many_attempts':
    'Too many wrong passwords. Try again in {retryAfterSec} seconds.',
  'error.unauthenticated.session_expired': 'Your session has ended. Sign in again to continue.',
  'error.conflict.setup_done': 'The station already has an administrator. Reload to sign in.',

  'field.password_too_short': 'At least 8 characters',
  'field.password_too_long': 'At most 128 characters',
  'field.password_spaces': 'The password may not start or end with a space',
  'field.password_mismatch': 'The two passwords do not match',
  'field.password_unchanged': 'The new password must differ from the current one',
  'field.bad_password': 'The current password is wrong',

  'auth.kicker': 'Duty room',
  'auth.stationFallback': 'Ward police',
  'auth.offlineNote':
    'The console runs on this workstation and needs no Internet. Every action is written to the audit log.',
  'auth.unreachable':
    'Cannot reach the console’s background service. Check that it is running and try again.',

  'setup.title': 'First start',
  'setup.lead':
    'The station has no accounts yet. Create the administrator (commander) account — it manages officers, station settings and the audit log.',
  'setup.note':
    'Remember the password: nobody can see it, not even an administrator. Once created, you are signed in and your shift starts.',
  'setup.stationName': 'Unit name',
  'setup.stationNamePlaceholder': 'E.g. Ben Nghe ward police',
  'setup.stationNameHint': 'Printed as “Unit” on export reports and shift handovers.',
  'setup.submit': 'Create account and sign in',
  'setup.creating': 'Creating account…',

  'signIn.title': 'Sign in for your shift',
  'signIn.officer': 'Choose officer',
  'signIn.noOfficers': 'No active officer accounts. Ask a commander for an account.',
  'signIn.passwordFor': 'Password of {officer}',
  'signIn.chooseOfficer': 'Choose your name in the list of officers.',
  'signIn.passwordRequired': 'Enter the password.',
  'signIn.submit': 'Sign in',
  'signIn.signingIn': 'Signing in…',
  'signIn.shiftHint':
    'A duty officer signing in starts a shift; another officer’s open shift ends and waits for the handover. A commander signing in during a shift only supervises and takes no shift.',
  'signIn.pendingTitle': '{n} shift handover(s) waiting to be taken over',
  'signIn.pendingItem': 'Shift of {officer}: {range}',
  'signIn.pendingHint': 'The incoming officer signs in to read the report and acknowledge it.',
  'signIn.notice.shiftEnded':
    'Shift ended. The handover waits for the next officer to acknowledge it.',
  'signIn.notice.sessionExpired': 'Your session has ended. Sign in again to continue.',
  'signIn.notice.signedOut': 'Signed out. The shift has not been handed over.',

  'lock.title': 'Screen locked',
  'lock.sub': 'Cameras keep showing and recording as usual.',
  'lock.shiftSince': 'On duty since {time}',
  'lock.password': 'Password to unlock',
  'lock.unlock': 'Unlock',
  'lock.unlocking': 'Unlocking…',
  'lock.switchOfficer': 'Sign in as another officer',
  'lock.switchExplain':
    'Back to the sign-in screen. This shift has not been handed over: when another officer signs in, it ends and its report waits for acknowledgement.',
  'lock.switchConfirm': 'Back to sign-in',

  'user.shiftSince': 'On duty since {time}',
  'user.supervising': 'Supervising, no shift',
  'user.lock': 'Lock screen',
  'user.changePassword': 'Change password',
  'user.endShift': 'End shift, hand over',
  'user.handovers': 'Handover history',
  'user.officers': 'Officers',
  'user.audit': 'Audit log',
  'user.signOut': 'Sign out',

  'signOut.title': 'Sign out?',
  'signOut.text':
    'Signing out does not end your shift. If your shift is over, choose “End shift, hand over” to write the report for the next officer.',
  'signOut.confirm': 'Sign out',

  'password.title': 'Change password',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.submit': 'Change password',

  'toast.passwordChanged': 'Password changed',
};
