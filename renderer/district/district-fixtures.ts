// Contract-valid district values for the renderer's tests.
import type { DistrictStatus, StationExportRequest } from '../../electron/contract/district';

export const OFF_STATUS: DistrictStatus = {
  enabled: false,
  stationId: null,
  stationName: null,
  hubUrl: null,
  link: 'off',
  problem: null,
  pending: 0,
  oldestPendingAt: null,
  lastPublishedSeq: 0,
  connectedAt: null,
};

export const LINKED_STATUS: DistrictStatus = {
  enabled: true,
  stationId: 'phuong-ben-nghe',
  stationName: 'Công an phường Bến Nghé',
  hubUrl: 'tls://10.20.0.5:7422',
  link: 'linked',
  problem: null,
  pending: 0,
  oldestPendingAt: null,
  lastPublishedSeq: 42,
  connectedAt: Date.UTC(2026, 11, 7, 1, 0, 0),
};

export function exportRequest(
  id: string,
  patch: Partial<StationExportRequest> = {},
): StationExportRequest {
  return {
    requestId: `req-${id}-0000`,
    incidentCode: null,
    fromMs: Date.UTC(2026, 11, 7, 0, 0, 0),
    toMs: Date.UTC(2026, 11, 7, 0, 10, 0),
    cameraIds: ['c1'],
    reason: 'Xác minh vụ trộm xe máy',
    requestedBy: 'Đại úy Trần Văn Bình',
    requestedAt: Date.UTC(2026, 11, 7, 2, 0, 0),
    receivedAt: Date.UTC(2026, 11, 7, 2, 0, 5),
    status: 'pending',
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
    ...patch,
  };
}

/** A credentials file as `npm run centre -- add-station` writes it. */
export const CREDENTIALS = {
  format: 'station-district-credentials/1',
  stationId: 'phuong-ben-nghe',
  stationName: 'Công an phường Bến Nghé',
  hubUrl: 'tls://10.20.0.5:7422',
  user: 'st-phuong-ben-nghe',
  password: 'a-long-secret-password-1234',
  caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
};
