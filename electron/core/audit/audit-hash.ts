// The link of the audit chain: each row's hash covers the previous row's hash and
// the row's own content, keyed so that a tool editing the database cannot
// recompute the chain without the key.
import { createHmac } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditAction, AuditDetails } from '../../contract/audit-schemas';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContent {
  seq: number;
  at: number;
  officerId: string | null;
  officerName: string | null;
  action: AuditAction;
  subject: string | null;
  details: AuditDetails;
}

/** JSON with keys sorted (RFC 8785), so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value has no JSON form');
  return text;
}

export function auditHash(key: Buffer, prevHash: string, content: AuditContent): string {
  const { seq, at, officerId, officerName, action, subject, details } = content;
  const body = canonicalJson({ seq, at, officerId, officerName, action, subject, details });
  return createHmac('sha256', key)
    .update(prevHash + '\n' + body)
    .digest('hex');
}
