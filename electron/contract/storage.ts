// The footage folder: usage, quota, the folder itself and the storage event log.
import { z } from 'zod';
import { none, type ChannelMap, type EventMap } from './channel-spec';
import {
  RecordingEvent,
  SetStorageFolder,
  StorageEventsRequest,
  StorageFolderChoice,
  StorageQuota,
  StorageSettings,
  StorageSummary,
} from './recording-schemas';

export const storageChannels = {
  'storage.summary': { request: none, response: StorageSummary, access: 'session' },
  'storage.events': {
    request: StorageEventsRequest,
    response: z.array(RecordingEvent),
    access: 'officer',
  },
  'storage.settings': { request: none, response: StorageSettings, access: 'officer' },
  'storage.setQuota': { request: StorageQuota, response: StorageSettings, access: 'commander' },
  /** Errors: invalid_request with fields.path = storage_not_absolute | storage_same_folder | storage_overlaps_root | storage_unwritable. */
  /** Folders to move the footage to, each with its free space (a typed path is the last resort). */
  'storage.folderChoices': {
    request: none,
    response: z.array(StorageFolderChoice),
    access: 'commander',
  },
  'storage.setFolder': {
    request: SetStorageFolder,
    response: StorageSettings,
    access: 'commander',
  },
} as const satisfies ChannelMap;

export const storageEvents = {} as const satisfies EventMap;
