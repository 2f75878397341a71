import { describe, expect, it } from 'vitest';
import { createApi } from '../../electron/contract/api';
import { ApiError } from '../../electron/contract/errors';
import type { Layout } from '../../electron/contract/schemas';
import { ContractViolation, fakeTransport } from './fake-transport';

const layout: Layout = { id: 'l1', name: 'Cổng', kind: '4', tiles: ['c1', null], updatedAt: 1 };

describe('fakeTransport', () => {
  it('answers through the real api what the handler returns, and records the call', async () => {
    const t = fakeTransport({ 'layout.save': (p) => ({ ...layout, name: p.name }) });
    const saved = await createApi(t).layouts.save({ name: 'Chợ', kind: '4', tiles: [] });
    expect(saved).toEqual({ ...layout, name: 'Chợ' });
    expect(t.calls).toEqual([
      { channel: 'layout.save', payload: { name: 'Chợ', kind: '4', tiles: [] } },
    ]);
  });

  it('refuses a request the contract refuses, before the handler sees it', async () => {
    let handled = 0;
    const t = fakeTransport({ 'layout.save': () => (handled++, layout) });
    const bad = { name: 'Chợ', kind: '4', tiles: [], extra: 1 } as never;
    await expect(createApi(t).layouts.save(bad)).rejects.toBeInstanceOf(ContractViolation);
    expect(handled).toBe(0);
  });

  it('refuses an answer main could never send', async () => {
    const t = fakeTransport({ 'layout.list': () => [{ ...layout, tiles: 'c1' }] as never });
    await expect(createApi(t).layouts.list()).rejects.toThrow(/answer of layout\.list/);
  });

  it("passes the handler's ApiError through and throws on a channel without a handler", async () => {
    const t = fakeTransport({
      'layout.list': () => {
        throw new ApiError('not_found', 'gone');
      },
    });
    await expect(createApi(t).layouts.list()).rejects.toMatchObject({ code: 'not_found' });
    await expect(createApi(t).cameras.list()).rejects.toThrow(/unexpected call of camera\.list/);
  });

  it('delivers events that fit the contract to their listeners, and refuses others', () => {
    const t = fakeTransport({});
    const seen: unknown[] = [];
    const off = t.on('layout.changed', (p) => seen.push(p));
    t.emit('layout.changed', { layouts: [layout] });
    expect(() => t.emit('layout.changed', { layouts: [{ ...layout, id: 7 }] } as never)).toThrow(
      ContractViolation,
    );
    off();
    t.emit('layout.changed', { layouts: [] });
    expect(seen).toEqual([{ layouts: [layout] }]);
  });
});
