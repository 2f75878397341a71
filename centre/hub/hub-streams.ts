// The hub's streams: DISTRICT sources every station's event stream across its leaf
// link (the engine forwards what the station stored while the link was down), and one
// RQ_<ID> per station holds the centre's requests for that station's leaf to source.
import {
  DiscardPolicy,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamSource,
} from '@nats-io/jetstream';
import { districtStreams, districtSubjects, stationDomain } from '../../electron/contract/district';

const DAY_NS = 24 * 60 * 60 * 1_000_000_000;

export function stationSource(station: string): StreamSource {
  return {
    name: districtStreams.stationEvents(station),
    external: {
      api: `$JS.${stationDomain(station)}.API`,
      deliver: districtSubjects.eventDeliver(station),
    },
    // From the station stream's first message: nats-server 2.9 otherwise restarts a source
    // that never delivered from the time of DISTRICT's newest message, skipping a backlog.
    opt_start_seq: 1,
  };
}

function notFound(err: unknown): boolean {
  return /stream not found/i.test(String(err)) || (err as { code?: unknown }).code === '404';
}

/** Creates or updates DISTRICT (all sources, full list) and every station's RQ_<ID>. */
export async function ensureHubStreams(
  jsm: JetStreamManager,
  stations: readonly string[],
): Promise<void> {
  const sources = stations.map(stationSource);
  const district: Partial<StreamConfig> & { name: string } = {
    name: districtStreams.district,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    max_age: 400 * DAY_NS,
    sources,
  };
  try {
    const info = await jsm.streams.info(districtStreams.district);
    await jsm.streams.update(districtStreams.district, { ...info.config, sources });
  } catch (err) {
    if (!notFound(err)) throw err;
    await jsm.streams.add(district);
  }
  for (const station of stations) {
    const name = districtStreams.stationRequests(station);
    try {
      await jsm.streams.info(name);
    } catch (err) {
      if (!notFound(err)) throw err;
      await jsm.streams.add({
        name,
        subjects: [districtSubjects.requests(station)],
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        discard: DiscardPolicy.Old,
        max_age: 90 * DAY_NS,
        duplicate_window: 2 * 60 * 60 * 1_000_000_000,
      });
    }
  }
}
