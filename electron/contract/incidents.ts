// Incidents: the log, their footage locks and snapshots.
import { byId, type ChannelMap, type EventMap } from './channel-spec';
import {
  Incident,
  IncidentDetail,
  IncidentFilter,
  IncidentInput,
  IncidentPage,
  IncidentUnlock,
  IncidentUpdate,
  SnapshotInput,
} from './incident-schemas';

export const incidentChannels = {
  /** Locks the incident's footage in the same transaction. */
  'incident.create': { request: IncidentInput, response: Incident, access: 'officer' },
  /** Errors: conflict (stale_version) when someone else changed it first. */
  'incident.update': { request: IncidentUpdate, response: Incident, access: 'officer' },
  'incident.get': { request: byId, response: IncidentDetail, access: 'officer' },
  'incident.list': { request: IncidentFilter, response: IncidentPage, access: 'officer' },
  'incident.addSnapshot': { request: SnapshotInput, response: Incident, access: 'officer' },
  'incident.lock': { request: byId, response: Incident, access: 'officer' },
  'incident.unlock': { request: IncidentUnlock, response: Incident, access: 'commander' },
} as const satisfies ChannelMap;

export const incidentEvents = {
  /** An incident was created or changed (by any window). */
  'incident.changed': Incident,
} as const satisfies EventMap;
