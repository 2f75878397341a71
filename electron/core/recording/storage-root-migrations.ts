// Storage roots (docs/recording.md, "Storage roots"): every folder footage was
// ever written to, so the storage folder can change (a second disk) without
// orphaning the index. Append-only like every migration step.
//
// Existing rows get root_id NULL here: the migration cannot know the folder (it
// lives in the config and the settings store). The recording service adopts
// them at start into the root it starts with — at the first start after this
// step that is the folder they were written to, because the folder could not
// change before roots existed.
import type { Migration } from '../db/migrate';

export const storageRootMigrations: readonly Migration[] = [
  `
  CREATE TABLE storage_roots (
    id        INTEGER PRIMARY KEY,
    path      TEXT NOT NULL UNIQUE,
    added_at  INTEGER NOT NULL,
    active    INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
  ) STRICT;
  -- At most one root is written to.
  CREATE UNIQUE INDEX storage_roots_active ON storage_roots (active) WHERE active = 1;

  ALTER TABLE recordings ADD COLUMN root_id INTEGER REFERENCES storage_roots (id);
  CREATE INDEX recordings_root ON recordings (root_id, start_ms);

  -- Live footage per root, kept by triggers like recording_usage (the panel lists roots
  -- with their bytes every few seconds; summing millions of rows is not an option).
  CREATE TABLE storage_root_usage (
    root_id     INTEGER PRIMARY KEY,
    bytes       INTEGER NOT NULL DEFAULT 0,
    recordings  INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TRIGGER recordings_root_usage_insert AFTER INSERT ON recordings
  WHEN NEW.status IN ('complete', 'recovered') AND NEW.root_id IS NOT NULL BEGIN
    INSERT OR IGNORE INTO storage_root_usage (root_id) VALUES (NEW.root_id);
    UPDATE storage_root_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE root_id = NEW.root_id;
  END;
  CREATE TRIGGER recordings_root_usage_delete AFTER DELETE ON recordings
  WHEN OLD.status IN ('complete', 'recovered') AND OLD.root_id IS NOT NULL BEGIN
    UPDATE storage_root_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE root_id = OLD.root_id;
  END;
  CREATE TRIGGER recordings_root_usage_update AFTER UPDATE OF status, bytes, root_id ON recordings BEGIN
    UPDATE storage_root_usage SET bytes = bytes - OLD.bytes, recordings = recordings - 1
    WHERE root_id = OLD.root_id AND OLD.status IN ('complete', 'recovered');
    INSERT OR IGNORE INTO storage_root_usage (root_id)
    SELECT NEW.root_id WHERE NEW.status IN ('complete', 'recovered') AND NEW.root_id IS NOT NULL;
    UPDATE storage_root_usage SET bytes = bytes + NEW.bytes, recordings = recordings + 1
    WHERE root_id = NEW.root_id AND NEW.status IN ('complete', 'recovered');
  END;
  `,
];
