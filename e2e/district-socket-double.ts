// The station service's district.* channels answered in the page's RPC socket, for a
// spec that needs what only a district centre can cause (an export request arriving).
// Every other call goes to the real station service. Requests and answers are checked
// against the contract, so the double can neither accept nor answer what main could not.
import type { Page, WebSocketRoute } from '@playwright/test';
import {
  districtChannels,
  districtEvents,
  type DistrictStatus,
  type StationExportRequest,
} from '../electron/contract/district';

type DistrictChannel = keyof typeof districtChannels;

export interface DistrictDouble {
  status: DistrictStatus;
  requests: StationExportRequest[];
  /** Pushes an event to the console as the station service would (and keeps its state). */
  emit(event: 'district.request', payload: StationExportRequest): void;
  emit(event: 'district.status', payload: DistrictStatus): void;
  /** Every district call the console made, with its parsed payload. */
  calls: { channel: DistrictChannel; payload: unknown }[];
}

export async function routeDistrict(
  page: Page,
  initial: { status: DistrictStatus; requests: StationExportRequest[]; officerName: string },
): Promise<DistrictDouble> {
  let socket: WebSocketRoute | null = null;
  const double: DistrictDouble = {
    status: initial.status,
    requests: [...initial.requests],
    calls: [],
    emit(event: 'district.request' | 'district.status', payload: unknown) {
      const parsed = districtEvents[event].parse(payload);
      // Main keeps what it announces: a later list or status call answers the same.
      if (event === 'district.status') double.status = parsed as DistrictStatus;
      else {
        const r = parsed as StationExportRequest;
        double.requests = [...double.requests.filter((x) => x.requestId !== r.requestId), r];
      }
      socket?.send(JSON.stringify({ event, payload: parsed }));
    },
  };
  const answer = (channel: DistrictChannel, payload: unknown): unknown => {
    const request = districtChannels[channel].request.parse(payload ?? {}) as Record<
      string,
      unknown
    >;
    double.calls.push({ channel, payload: request });
    if (channel === 'district.status') return double.status;
    if (channel === 'district.requests')
      return request.status === 'pending'
        ? double.requests.filter((r) => r.status === 'pending')
        : double.requests;
    if (channel === 'district.decide') {
      const i = double.requests.findIndex((r) => r.requestId === request.requestId);
      const found = double.requests[i];
      if (!found) throw new Error('not_found');
      const decided: StationExportRequest = {
        ...found,
        status: request.decision as 'approved' | 'refused',
        decidedAt: Date.now(),
        decidedBy: initial.officerName,
        decisionReason: (request.reason as string) || null,
      };
      double.requests[i] = decided;
      return decided;
    }
    throw new Error(`the double does not connect stations (${channel})`);
  };
  await page.routeWebSocket(/\/rpc/, (ws) => {
    socket = ws;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const text = typeof message === 'string' ? message : message.toString();
      let frame: { id?: unknown; channel?: unknown; payload?: unknown } = {};
      try {
        frame = JSON.parse(text) as typeof frame;
      } catch {
        // not a call: pass it on
      }
      const channel = frame.channel;
      if (typeof channel === 'string' && channel in districtChannels) {
        const c = channel as DistrictChannel;
        try {
          const result = districtChannels[c].response.parse(answer(c, frame.payload));
          ws.send(JSON.stringify({ id: frame.id, ok: true, result }));
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          ws.send(
            JSON.stringify({ id: frame.id, ok: false, error: { code: 'not_found', message } }),
          );
        }
        return;
      }
      server.send(message);
    });
  });
  return double;
}
