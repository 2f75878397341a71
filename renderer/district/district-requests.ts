// The centre's export requests as the panel lists them: pending first (oldest
// first, so the longest-waiting is answered first), then decided ones, newest first.
import type { StationExportRequest } from '../../electron/contract/district';

export function sortRequests(requests: readonly StationExportRequest[]): StationExportRequest[] {
  return [...requests].sort((a, b) => {
    const ap = a.status === 'pending';
    const bp = b.status === 'pending';
    if (ap !== bp) return ap ? -1 : 1;
    if (ap) return a.receivedAt - b.receivedAt;
    return (b.decidedAt ?? b.receivedAt) - (a.decidedAt ?? a.receivedAt);
  });
}

/** A request as main now states it replaces the one held (an event may race a list). */
export function upsertRequest(
  requests: readonly StationExportRequest[],
  next: StationExportRequest,
): StationExportRequest[] {
  const i = requests.findIndex((r) => r.requestId === next.requestId);
  if (i < 0) return sortRequests([...requests, next]);
  const copy = [...requests];
  copy[i] = next;
  return sortRequests(copy);
}

export const pendingCount = (requests: readonly StationExportRequest[]): number =>
  requests.filter((r) => r.status === 'pending').length;
