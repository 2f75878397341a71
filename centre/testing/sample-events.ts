// Envelopes as a station's outbox publishes them, for the centre's tests and the e2e seed.
import type { DistrictEnvelope, DistrictEventKind } from '../../electron/contract/district';

export function envelope(
  station: string,
  seq: number,
  kind: DistrictEventKind,
  at: number,
  data: Record<string, unknown>,
): DistrictEnvelope {
  return { v: 1, station, seq, kind, at, data };
}

export function incidentData(
  id: string,
  code: string,
  at: number,
  over: Partial<{
    category: string;
    severity: string;
    status: string;
    location: string;
    version: number;
    cameras: string[];
  }> = {},
): Record<string, unknown> {
  return {
    incidentId: id,
    action: 'created',
    at,
    code,
    category: over.category ?? 'theft',
    severity: over.severity ?? 'medium',
    status: over.status ?? 'new',
    location: over.location ?? 'Cổng chợ Bến Thành',
    occurredAt: at,
    version: over.version ?? 1,
    cameras: over.cameras ?? ['cam-01'],
  };
}

export function healthData(cameras: number, online: number, recording: number, openAlarms: number) {
  return { cameras, online, recording, openAlarms };
}
