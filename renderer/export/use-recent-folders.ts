// The folders earlier exports went to, asked once when the dialog opens; a failure
// leaves the list empty (the drives and the typed path still work).
import { useEffect, useState } from 'react';
import type { RecentFolder } from '../../electron/contract/export-schemas';
import { useApi } from '../store/store-context';

export function useRecentFolders(): RecentFolder[] {
  const api = useApi();
  const [folders, setFolders] = useState<RecentFolder[]>([]);
  useEffect(() => {
    let alive = true;
    api.exports.recentFolders().then(
      (list) => alive && setFolders(list),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [api]);
  return folders;
}
