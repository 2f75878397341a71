// The fields every officer form shares: who the officer is (full name, rank,
// badge number) and a new password typed twice. Used by the first-start screen,
// the officers dialog and the password dialogs, so they read and check alike.
import { FormField } from '../shell/form-field';
import { useT } from '../i18n/use-t';
import { RANKS_LIST_ID } from '../auth/police-ranks';

type FieldError = (name: string) => string | undefined;

export interface IdentityValues {
  fullName: string;
  rank: string;
  badgeNumber: string;
}

/** Full name, rank (with the police-rank suggestions) and badge number; test ids `<prefix>-fullname|rank|badge`. */
export function IdentityFields(props: {
  testIdPrefix: string;
  values: IdentityValues;
  onChange: (field: keyof IdentityValues, value: string) => void;
  err: FieldError;
}) {
  const t = useT();
  const { values, onChange, err, testIdPrefix } = props;
  return (
    <>
      <FormField label={t('officer.fullName')} name="fullName" error={err('fullName')} wide>
        <input
          className="input"
          data-testid={`${testIdPrefix}-fullname`}
          value={values.fullName}
          maxLength={80}
          autoFocus
          autoComplete="off"
          placeholder={t('officer.fullNamePlaceholder')}
          onChange={(e) => onChange('fullName', e.target.value)}
        />
      </FormField>
      <FormField label={t('officer.rank')} name="rank" error={err('rank')}>
        <input
          className="input"
          data-testid={`${testIdPrefix}-rank`}
          list={RANKS_LIST_ID}
          value={values.rank}
          maxLength={40}
          autoComplete="off"
          placeholder={t('officer.rankPlaceholder')}
          onChange={(e) => onChange('rank', e.target.value)}
        />
      </FormField>
      <FormField label={t('officer.badgeNumber')} name="badgeNumber" error={err('badgeNumber')}>
        <input
          className="input"
          data-testid={`${testIdPrefix}-badge`}
          value={values.badgeNumber}
          maxLength={20}
          autoComplete="off"
          placeholder={t('officer.badgePlaceholder')}
          onChange={(e) => onChange('badgeNumber', e.target.value)}
        />
      </FormField>
    </>
  );
}

/** A new password and its confirmation (field names `<name>` and `confirm`). */
export function NewPasswordFields(props: {
  name?: string;
  label?: string;
  testIds: { password: string; confirm: string };
  password: string;
  confirm: string;
  onPassword: (value: string) => void;
  onConfirm: (value: string) => void;
  err: FieldError;
  autoFocus?: boolean;
}) {
  const t = useT();
  const name = props.name ?? 'password';
  return (
    <>
      <FormField
        label={props.label ?? t('officer.password')}
        name={name}
        error={props.err(name)}
        hint={t('officer.passwordHint')}
      >
        <input
          className="input"
          type="password"
          data-testid={props.testIds.password}
          autoComplete="new-password"
          autoFocus={props.autoFocus}
          value={props.password}
          onChange={(e) => props.onPassword(e.target.value)}
        />
      </FormField>
      <FormField label={t('officer.passwordConfirm')} name="confirm" error={props.err('confirm')}>
        <input
          className="input"
          type="password"
          data-testid={props.testIds.confirm}
          autoComplete="new-password"
          value={props.confirm}
          onChange={(e) => props.onConfirm(e.target.value)}
        />
      </FormField>
    </>
  );
}
