// In Electron the page's api and its connection state both come from the preload.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StationApi } from '../../electron/contract/api';
import type { StationConnection } from '../../electron/contract/connection';
import { getApi } from './get-api';

afterEach(() => vi.unstubAllGlobals());

describe('getApi in Electron', () => {
  it("hands the preload's connection state to the page", () => {
    const listeners: Array<(c: boolean) => void> = [];
    const connection: StationConnection = {
      onChange: (l) => {
        listeners.push(l);
        return () => listeners.splice(listeners.indexOf(l), 1);
      },
    };
    const api = { system: {} } as unknown as StationApi;
    vi.stubGlobal('window', { stationApi: api, stationConnection: connection });
    const handle = getApi();
    expect(handle.api).toBe(api);
    const seen: boolean[] = [];
    const off = handle.onConnectionChange?.((c) => seen.push(c));
    for (const l of [...listeners]) l(false);
    off?.();
    expect(seen).toEqual([false]);
    expect(listeners).toHaveLength(0);
  });
});
