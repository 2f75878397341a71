// The district link (docs/design/district.md): what a station sends its district or city
// centre over NATS JetStream, what the centre may ask of it, and the console's calls to
// connect the station and answer the centre's export requests. Footage never travels on
// this link; only an export package a station commander released does.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { Id } from './schemas';

/** A station's id on the district network: lower-case slug, also a NATS token and stream name part. */
export const StationId = z.string().regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, 'station_id_format');
export type StationId = z.infer<typeof StationId>;

/** Subjects, one tree per station so a station's account can be held to its own branch. */
export const districtSubjects = {
  /** Everything of one station: its events up, requests down, its stream's deliveries. */
  root: (station: string) => `dc.${station}`,
  /** An event a station publishes: dc.<station>.ev.<kind>. */
  event: (station: string, kind: DistrictEventKind) => `dc.${station}.ev.${kind}`,
  events: (station: string) => `dc.${station}.ev.>`,
  /** A request the centre sends one station: dc.<station>.req.<kind>. */
  request: (station: string, kind: 'export') => `dc.${station}.req.${kind}`,
  requests: (station: string) => `dc.${station}.req.>`,
  /** Deliver prefixes of the two sourcing consumers (hub ← station events, station ← requests). */
  eventDeliver: (station: string) => `dc.${station}.deliver`,
  requestDeliver: (station: string) => `dc.${station}.rqd`,
} as const;

/** JetStream stream names (hub and leaf); sanitised from the station id (no '.', '*', '>'). */
export const districtStreams = {
  /** On the station's leaf node: its outbox as published, stored while the link is down. */
  stationEvents: (station: string) => `ST_${station.replace(/-/g, '_').toUpperCase()}`,
  /** On the hub: the centre's requests to one station, sourced by that station's leaf. */
  stationRequests: (station: string) => `RQ_${station.replace(/-/g, '_').toUpperCase()}`,
  /** On the station's leaf node: RQ_<ID> sourced from the hub, read even after the link drops. */
  stationInbox: (station: string) => `IN_${station.replace(/-/g, '_').toUpperCase()}`,
  /** On the hub: every station's events, each station's leaf stream one source. */
  district: 'DISTRICT',
} as const;

/** JetStream domain of a station's leaf node; the hub's is `hub`. */
export const stationDomain = (station: string) => `st-${station}`;
export const HUB_DOMAIN = 'hub';

/**
 * Case number of an export that answers a centre request: the export triggers read the request
 * id from it, and the console knows such a package stays in the station's release folder.
 */
export const CENTRE_REQUEST_CASE_PREFIX = 'Yêu cầu TT ';

/** Nats-Msg-Id of an outbox row: stable across restarts, so a re-send is dropped as a duplicate. */
export const districtMessageId = (station: string, seq: number) => `${station}:${seq}`;

export const DistrictEventKind = z.enum([
  /** incident created, edited, status changed, reopened (one per history row). */
  'incident',
  /** a handover acknowledged by the incoming officer. */
  'handover',
  /** a camera outage opened or closed. */
  'outage',
  /** a recording gap opened or closed. */
  'gap',
  /** a picture alarm (tamper, scene, clock) raised or cleared. */
  'alarm',
  /** a storage alarm (disk full, write errors, quota). */
  'storage',
  /** an export started and ended (its verified manifest hash when complete). */
  'export',
  /** the station's answer to a centre export request. */
  'export-decision',
  /** the head of the audit chain, every few minutes. */
  'audit-head',
  /** cameras online and recording, every minute. */
  'health',
]);
export type DistrictEventKind = z.infer<typeof DistrictEventKind>;

/** Payloads as the outbox stores them; a centre keeps unknown fields and ignores them. */
export const IncidentEventData = z
  .object({
    incidentId: Id,
    action: z.string(),
    at: z.number().int(),
    code: z.string(),
    category: z.string(),
    severity: z.string(),
    status: z.string(),
    location: z.string(),
    occurredAt: z.number().int(),
    version: z.number().int(),
    cameras: z.array(z.string()),
  })
  .passthrough();
export const HandoverEventData = z
  .object({ handoverId: Id, acknowledgedAt: z.number().int(), contentHash: z.string().nullable() })
  .passthrough();
export const OutageEventData = z
  .object({
    outageId: z.number().int(),
    cameraId: Id,
    stream: z.string(),
    startedAt: z.number().int(),
    endedAt: z.number().int().nullable(),
    errorKind: z.string().nullable(),
  })
  .passthrough();
export const GapEventData = z
  .object({
    gapId: z.number().int(),
    cameraId: Id,
    stream: z.string(),
    startMs: z.number().int(),
    endMs: z.number().int().nullable(),
    reason: z.string(),
  })
  .passthrough();
export const AlarmEventData = z
  .object({
    alarmId: z.number().int(),
    cameraId: Id,
    kind: z.string(),
    source: z.string(),
    startedAt: z.number().int(),
    endedAt: z.number().int().nullable(),
  })
  .passthrough();
export const StorageEventData = z
  .object({ eventId: z.number().int(), kind: z.string(), at: z.number().int() })
  .passthrough();
export const ExportEventData = z
  .object({
    exportId: Id,
    status: z.string(),
    incidentId: Id.nullable(),
    fromMs: z.number().int(),
    toMs: z.number().int(),
    bytes: z.number().int(),
    manifestSha256: z.string().nullable(),
    /** Set when the export answers a centre request. */
    requestId: z.string().nullable().optional(),
  })
  .passthrough();
export const ExportDecisionData = z
  .object({
    requestId: z.string(),
    decision: z.enum(['approved', 'refused']),
    decidedAt: z.number().int(),
    officerName: z.string(),
    reason: z.string(),
  })
  .passthrough();
export const AuditHeadData = z
  .object({ seq: z.number().int(), hash: z.string(), at: z.number().int() })
  .passthrough();
export const HealthEventData = z
  .object({
    cameras: z.number().int(),
    online: z.number().int(),
    recording: z.number().int(),
    openAlarms: z.number().int(),
    /** Camera id → name, so the centre can name the cameras in outages and alarms. */
    names: z.record(z.string(), z.string()).optional(),
    storageFreeBytes: z.number().nullable().optional(),
  })
  .passthrough();

/** One message on the link: an outbox row as published. */
export const DistrictEnvelope = z.object({
  v: z.literal(1),
  station: StationId,
  /** The outbox sequence: per station, gap-free, in commit order. */
  seq: z.number().int().positive(),
  kind: DistrictEventKind,
  /** Station UTC ms when the change was committed. */
  at: z.number().int(),
  data: z.record(z.string(), z.unknown()),
});
export type DistrictEnvelope = z.infer<typeof DistrictEnvelope>;

/** The centre's request for footage: the station decides; nothing leaves without a commander. */
export const ExportRequest = z.object({
  requestId: z.string().min(8).max(64),
  /** By incident code (as the station's events named it) or by time range and cameras. */
  incidentCode: z.string().max(32).nullable(),
  fromMs: z.number().int().nullable(),
  toMs: z.number().int().nullable(),
  cameraIds: z.array(Id).max(64),
  reason: z.string().min(1).max(500),
  requestedBy: z.string().min(1).max(120),
  requestedAt: z.number().int(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;

/** The station's side of the link, as the console shows it. */
export const DistrictStatus = z.object({
  enabled: z.boolean(),
  stationId: StationId.nullable(),
  stationName: z.string().nullable(),
  hubUrl: z.string().nullable(),
  /** 'off': not connected to a centre; 'linking': leaf up, hub not reached; 'linked': hub reached. */
  link: z.enum(['off', 'starting', 'linking', 'linked', 'failed']),
  /** What went wrong, in words for the commander (Vietnamese first). */
  problem: z.string().nullable(),
  /** Outbox rows not yet stored on the leaf node, and the oldest one's age. */
  pending: z.number().int(),
  oldestPendingAt: z.number().int().nullable(),
  lastPublishedSeq: z.number().int(),
  connectedAt: z.number().int().nullable(),
});
export type DistrictStatus = z.infer<typeof DistrictStatus>;

export const StationExportRequest = ExportRequest.extend({
  receivedAt: z.number().int(),
  status: z.enum(['pending', 'approved', 'refused']),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type StationExportRequest = z.infer<typeof StationExportRequest>;

/** The credentials file the centre hands a station (written by `npm run centre -- add-station`). */
export const StationCredentials = z.object({
  format: z.literal('station-district-credentials/1'),
  stationId: StationId,
  stationName: z.string().min(1).max(120),
  /** tls://host:port of the hub's leaf-node listener. */
  hubUrl: z.string().regex(/^tls:\/\/[^\s/]+:\d+$/),
  user: z.string().min(1),
  password: z.string().min(16),
  /** PEM of the centre's CA that signed the hub's certificate. */
  caPem: z.string().includes('BEGIN CERTIFICATE'),
});
export type StationCredentials = z.infer<typeof StationCredentials>;

export const districtChannels = {
  'district.status': { request: none, response: DistrictStatus, access: 'officer' },
  /**
   * Connect the station to a centre with the credentials file the centre issued (its text).
   * Errors: invalid_request (fields.credentials = credentials_format | credentials_station).
   */
  'district.connect': {
    request: z
      .object({
        credentials: z
          .string()
          .min(1)
          .max(64 * 1024),
      })
      .strict(),
    response: DistrictStatus,
    access: 'commander',
  },
  'district.disconnect': { request: none, response: DistrictStatus, access: 'commander' },
  'district.requests': {
    request: z.object({ status: z.enum(['pending', 'all']).default('all') }).strict(),
    response: z.array(StationExportRequest),
    access: 'officer',
  },
  /** A commander approves (the export then runs and is offered to the centre) or refuses. */
  'district.decide': {
    request: z
      .object({
        requestId: z.string(),
        decision: z.enum(['approved', 'refused']),
        reason: z.string().max(500).default(''),
      })
      .strict(),
    response: StationExportRequest,
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const districtEvents = {
  'district.status': DistrictStatus,
  'district.request': StationExportRequest,
} as const satisfies EventMap;
