// Per-tile player stats for tests and benchmarks: window.__stationStats().
import type { LivePlayerStats } from './live-protocol';

export interface TileStats extends LivePlayerStats {
  cameraId: string;
  tile: string;
}

type StatsSource = () => TileStats;

const sources = new Map<string, StatsSource>();

declare global {
  interface Window {
    __stationStats?: () => TileStats[];
  }
}

export function registerStats(key: string, source: StatsSource): () => void {
  sources.set(key, source);
  return () => {
    if (sources.get(key) === source) sources.delete(key);
  };
}

export function installStatsHook(win: Window): void {
  win.__stationStats = () => [...sources.values()].map((s) => s());
}
