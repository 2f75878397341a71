// Recorded footage is served only to the session that asked for it through
// playback.segments, which audits the view (footage.viewed). Listing segments
// grants that session those segment ids for a while; a media request for any other
// id, or from another session, is refused. So footage cannot be downloaded by id
// without leaving its trace in the audit trail.
export const GRANT_TTL_MS = 30 * 60_000;
/** Ids one session may hold at once (a week of 60 s segments of 9 cameras is far below). */
const MAX_IDS_PER_SESSION = 100_000;

export interface FootageGrantsOptions {
  ttlMs?: number;
  now?: () => number;
  /** Whether a session is still live; grants of ended ones are dropped. */
  sessionAlive?: (token: string) => boolean;
}

export class FootageGrants {
  /** session token → segment id → expiry (ms). */
  private readonly grants = new Map<string, Map<number, number>>();
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly opts: FootageGrantsOptions = {}) {
    this.ttlMs = opts.ttlMs ?? GRANT_TTL_MS;
    this.now = opts.now ?? Date.now;
  }

  /** The session may fetch these segments until the grant expires (renewed by each listing). */
  grant(session: string, ids: Iterable<number>): void {
    this.prune();
    let held = this.grants.get(session);
    if (!held) this.grants.set(session, (held = new Map()));
    const until = this.now() + this.ttlMs;
    for (const id of ids) held.set(id, until);
    // Bounded memory: drop the soonest to expire first.
    if (held.size > MAX_IDS_PER_SESSION) {
      const byExpiry = [...held].sort((a, b) => a[1] - b[1]);
      for (const [id] of byExpiry.slice(0, held.size - MAX_IDS_PER_SESSION)) held.delete(id);
    }
  }

  allows(session: string | null, id: number): boolean {
    if (!session) return false;
    if (this.opts.sessionAlive && !this.opts.sessionAlive(session)) return false;
    const until = this.grants.get(session)?.get(id);
    return until !== undefined && until > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [session, held] of this.grants) {
      if (this.opts.sessionAlive && !this.opts.sessionAlive(session)) {
        this.grants.delete(session);
        continue;
      }
      for (const [id, until] of held) if (until <= now) held.delete(id);
      if (held.size === 0) this.grants.delete(session);
    }
  }
}
