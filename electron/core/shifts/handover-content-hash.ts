// The fingerprint printed on an acknowledged handover: SHA-256 (hex) of its
// content as canonical JSON (RFC 8785, sorted keys), so the same content always
// hashes the same and any later edit to it shows.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Handover } from '../../contract/shift-schemas';

/** Everything of the handover except the hash itself. */
export function handoverContentHash(h: Handover): string {
  const { contentHash: _ignored, ...content } = h;
  const json = canonicalize(content);
  if (json === undefined) throw new Error('handover content is not serialisable');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
