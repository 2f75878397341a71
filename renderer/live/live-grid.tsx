import { useCallback, useEffect, useMemo } from 'react';
import { useStationState, useStationStore } from '../store/store-context';
import { layoutGeometry, tileCount } from './layout-geometry';
import { TileView } from './tile';
import { tourPage } from './tour-paging';

export function LiveGrid() {
  const store = useStationStore();
  const kind = useStationState((s) => s.kind);
  const tiles = useStationState((s) => s.tiles);
  const tour = useStationState((s) => s.tour);
  const cameras = useStationState((s) => s.cameras);
  const interval = useStationState((s) => s.settings.tourIntervalSec);
  const selectedIds = useStationState((s) => s.selectedCameraIds);
  const geometry = layoutGeometry(kind);

  const cameraIds = useMemo(() => cameras.filter((c) => c.enabled).map((c) => c.id), [cameras]);
  const shown = tour.running ? tourPage(cameraIds, tileCount(kind), tour.page) : tiles;

  useEffect(() => {
    if (!tour.running || tour.paused) return undefined;
    const timer = setInterval(() => store.getState().advanceTour(), interval * 1000);
    return () => clearInterval(timer);
  }, [store, tour.running, tour.paused, tour.page, interval]);

  const onDropCamera = useCallback(
    (index: number, cameraId: string) => {
      const s = store.getState();
      if (s.tour.running) s.stopTour();
      s.assignTile(index, cameraId);
    },
    [store],
  );
  const onDropTile = useCallback(
    (from: number, to: number) => {
      const s = store.getState();
      if (s.tour.running) s.stopTour();
      s.swapTiles(from, to);
    },
    [store],
  );
  const onOpen = useCallback((id: string) => store.getState().openSingle(id), [store]);
  // Tile selection for incident bookmarks (F2); a camera that leaves the screen is deselected.
  const onSelect = useCallback(
    (id: string | null, additive: boolean) => {
      const s = store.getState();
      if (id) s.selectTile(id, additive);
      else if (!additive) s.clearSelection();
    },
    [store],
  );
  const shownKey = shown.join('|');
  useEffect(() => {
    store.getState().keepSelection(shownKey.split('|').filter(Boolean));
  }, [store, shownKey]);

  return (
    <div
      className="grid"
      data-testid="live-grid"
      data-layout={kind}
      style={{
        gridTemplateColumns: `repeat(${geometry.cols}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${geometry.rows}, minmax(0, 1fr))`,
      }}
    >
      {geometry.tiles.map((box, i) => (
        <TileView
          key={i}
          index={i}
          testId={`tile-${i}`}
          cameraId={shown[i] ?? null}
          stream="sub"
          large={box.colSpan > 1}
          style={{
            gridColumn: `${box.col + 1} / span ${box.colSpan}`,
            gridRow: `${box.row + 1} / span ${box.rowSpan}`,
          }}
          onDropCamera={onDropCamera}
          onDropTile={onDropTile}
          onOpen={onOpen}
          selected={Boolean(shown[i] && selectedIds.includes(shown[i]))}
          onSelect={onSelect}
        />
      ))}
    </div>
  );
}
