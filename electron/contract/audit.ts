// The audit log: reading and verifying the hash chain.
import { none, type ChannelMap, type EventMap } from './channel-spec';
import { AuditFilter, AuditPage, AuditVerification } from './audit-schemas';

export const auditChannels = {
  'audit.list': { request: AuditFilter, response: AuditPage, access: 'commander' },
  'audit.verify': { request: none, response: AuditVerification, access: 'commander' },
} as const satisfies ChannelMap;

export const auditEvents = {} as const satisfies EventMap;
