// The storage roots as the storage service sees them: kept in the recording
// index (storage_roots belongs to recording), reached only through here.
import type { Queryable } from '../db/database';
import type { StorageRootStore } from '../storage/storage-service';
import { RecordingIndex } from './recording-index';

export function recordingRootStore(db: Queryable): StorageRootStore {
  const index = new RecordingIndex(db);
  return {
    async activate(path, at, tx) {
      const inTx = new RecordingIndex(tx);
      const id = await inTx.ensureRoot(path, at);
      await inTx.activateRoot(id);
      return id;
    },
    paths: async () => (await index.roots()).map((r) => r.path),
    hasFootage: (rootId) => index.rootHasRows(rootId),
  };
}
