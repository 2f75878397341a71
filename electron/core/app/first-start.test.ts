// First start over the real handler set: the administrator is created and the unit's
// name ("Đơn vị") given on the same screen is stored, printed later on every export
// and handover report, and logged with the administrator's name.
import { expect, it } from 'vitest';
import type { AuditEntry } from '../../contract/audit-schemas';
import { ApiError } from '../../contract/errors';
import type { Settings } from '../../contract/schemas';
import { dispatch } from './dispatch';
import { freshEndpointPerTest } from './testing/fresh-endpoint';
import { connection, TEST_PASSWORD } from './testing/test-services';

const endpointOf = freshEndpointPerTest('first-start');

const ADMIN = {
  fullName: 'Nguyễn Văn Quản',
  rank: 'Thiếu tá',
  badgeNumber: '100-001',
  password: TEST_PASSWORD,
};

it('stores the unit named at first start and logs it under the administrator', async () => {
  const ctx = connection();
  await dispatch(
    endpointOf(),
    'auth.setup',
    { ...ADMIN, stationName: ' Công an phường Hàng Bạc ' },
    ctx,
  );

  const settings = (await dispatch(endpointOf(), 'settings.get', {}, ctx)) as Settings;
  expect(settings.stationName).toBe('Công an phường Hàng Bạc');
  const state = (await dispatch(endpointOf(), 'auth.state', {}, connection())) as {
    stationName: string;
  };
  expect(state.stationName).toBe('Công an phường Hàng Bạc');

  const audit = (await dispatch(endpointOf(), 'audit.list', { limit: 50 }, ctx)) as {
    items: AuditEntry[];
  };
  const named = audit.items.find((e) => e.action === 'settings.changed');
  expect(named?.details).toEqual({ stationName: 'Công an phường Hàng Bạc' });
  expect(named?.officerName).toBe(ADMIN.fullName);
});

it('refuses a blank unit name and creates nobody', async () => {
  const err = await dispatch(
    endpointOf(),
    'auth.setup',
    { ...ADMIN, stationName: '  ' },
    connection(),
  ).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).fields).toEqual({ stationName: 'required' });
  const state = (await dispatch(endpointOf(), 'auth.state', {}, connection())) as {
    setupRequired: boolean;
  };
  expect(state.setupRequired).toBe(true);
});

it('keeps the unit as it is when a caller sets up without one', async () => {
  const ctx = connection();
  await dispatch(endpointOf(), 'auth.setup', ADMIN, ctx);
  const settings = (await dispatch(endpointOf(), 'settings.get', {}, ctx)) as Settings;
  expect(settings.stationName).toBe('');
});
