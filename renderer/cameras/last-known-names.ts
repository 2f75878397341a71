// Names of cameras no longer in the registry: footage, gaps and storage events
// outlive a camera, and the officer knows it by its name, never by its id.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useT } from '../i18n/use-t';
import { useApi, useStationState } from '../store/store-context';

/** The distinct ids among `ids` that are not registered, sorted (a stable request key). */
export function unnamedIds(
  ids: readonly (string | null)[],
  registered: readonly { id: string }[],
): string[] {
  const known = new Set(registered.map((c) => c.id));
  return [...new Set(ids)].filter((id): id is string => id !== null && !known.has(id)).sort();
}

/** Last names of the removed cameras among `ids`, asked of main once per set of ids. */
export function useLastKnownNames(ids: readonly (string | null)[]): ReadonlyMap<string, string> {
  const api = useApi();
  const cameras = useStationState((s) => s.cameras);
  const key = unnamedIds(ids, cameras).join(',');
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (key === '') return;
    let live = true;
    api.cameras
      .names({ ids: key.split(',') })
      .then((list) => {
        if (live) setNames(new Map(list.map((c) => [c.id, c.name])));
      })
      // Not named is shown as "Camera đã xóa": nothing to tell the officer here.
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api, key]);
  return useMemo(() => names, [names]);
}

/**
 * How the screen names a camera among `ids`: its registered name, else the name it last
 * had, else "Camera đã xóa"; never its id.
 */
export function useCameraName(ids: readonly (string | null)[]): (id: string) => string {
  const t = useT();
  const cameras = useStationState((s) => s.cameras);
  const kept = useLastKnownNames(ids);
  return useCallback(
    (id: string) => cameraNameOf(id, cameras, kept, t('incident.value.removedCamera')),
    [cameras, kept, t],
  );
}

/** A camera's name: registered, else kept from before its removal, else `removedLabel`. */
export function cameraNameOf(
  id: string,
  registered: readonly { id: string; name: string }[],
  kept: ReadonlyMap<string, string>,
  removedLabel: string,
): string {
  return registered.find((c) => c.id === id)?.name ?? kept.get(id) ?? removedLabel;
}
