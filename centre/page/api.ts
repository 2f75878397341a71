// The centre service's JSON API, from the page (same origin).
import type { ExportRequestRow, NewExportRequest } from '../service/export-requests';
import type { IncidentRow, OpenItemRow, StationOverview } from '../service/queries';

export type { ExportRequestRow, IncidentRow, OpenItemRow, StationOverview };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(code);
  }
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(path, init);
  const body = (await res.json().catch(() => ({}))) as {
    error?: string;
    fields?: Record<string, string>;
  };
  if (!res.ok)
    throw new ApiError(res.status, body.error ?? `http_${res.status}`, body.fields ?? {});
  return body as T;
}

export const centreApi = {
  stations: () => call<{ now: number; stations: StationOverview[] }>('api/stations'),
  incidents: (station: string, from: number, to: number) =>
    call<{ incidents: IncidentRow[] }>(
      `api/stations/${encodeURIComponent(station)}/incidents?from=${from}&to=${to}`,
    ),
  openItems: (station: string) =>
    call<{ items: OpenItemRow[] }>(`api/stations/${encodeURIComponent(station)}/open-items`),
  requests: (station: string) =>
    call<{ requests: ExportRequestRow[] }>(
      `api/export-requests?station=${encodeURIComponent(station)}`,
    ),
  sendRequest: (request: NewExportRequest) =>
    call<ExportRequestRow>('api/export-requests', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request),
    }),
};
