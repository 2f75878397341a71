// What export reads of other domains, declared here as narrowly as export uses it
// and met by those domains' services (RecordingService, CameraService,
// IncidentService, OfficerService), injected by the composition root. Export runs
// SQL on its own table only; tests pass the real services or small fakes.
import type { OfficerBrief } from '../../contract/officer-schemas';

/** A segment still being recorded, measured up to its last complete fragment. */
export interface OpenSegmentRef {
  id: number;
  startMs: number;
  endMs: number;
  /** Bytes of its complete fragments. */
  bytes: number;
  codec: string | null;
  /** Absolute path of the file being written. */
  file: string;
}

/** A filed segment of one camera, as export copies it; `path` absolute. */
export type FootageFile = Omit<OpenSegmentRef, 'file'> & { path: string };

export interface FootageSource {
  /** Playable filed segments overlapping [fromMs, toMs), oldest first: one query per camera. */
  segmentFiles(cameraId: string, fromMs: number, toMs: number): Promise<FootageFile[]>;
  /** The camera's segment being recorded: exported up to its last whole fragment. */
  openSegment(cameraId: string): Promise<OpenSegmentRef | null>;
  /** Every footage folder, old ones included: no export may go into one. */
  storageRoots(): Promise<{ path: string }[]>;
}

export interface CameraSource {
  /** Cameras among `ids`, a removed one by the name it last had; one never named is missing. */
  lastKnownNames(ids: readonly string[]): Promise<Map<string, { name: string; location: string }>>;
}

/** What an incident export carries of the incident. */
export interface IncidentFacts {
  id: string;
  code: string;
  category: string;
  location: string;
  description: string;
  /** The cameras it was marked on, with the names they had then. */
  cameras: { id: string; name: string }[];
  /** Oldest first; `path` absolute. */
  snapshots: {
    cameraId: string | null;
    takenAt: number;
    path: string;
    mime: string;
    bytes: number;
  }[];
}

export interface IncidentSource {
  /** null when there is no such incident. */
  evidence(id: string): Promise<IncidentFacts | null>;
  codesOf(ids: readonly string[]): Promise<Map<string, string>>;
}

export interface OfficerSource {
  briefs(ids: readonly string[]): Promise<Map<string, OfficerBrief>>;
  /** Rejects with ApiError not_found for an unknown id. */
  get(id: string): Promise<{ badgeNumber: string }>;
}

export interface ExportSources {
  footage: FootageSource;
  cameras: CameraSource;
  incidents: IncidentSource;
  officers: OfficerSource;
}
