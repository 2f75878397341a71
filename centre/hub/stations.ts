// The station registry: which stations may link to the hub, each with the bcrypt hash
// of its hub password (the password itself is only ever in the credentials file handed
// to the station's commander). Also the centre's own hub login and hub settings.
import { randomBytes } from 'node:crypto';
import type { Database } from '../../electron/core/db/database';
import { StationId } from '../../electron/contract/district';
import bcrypt from 'bcryptjs';

/** bcrypt work factor of stored station passwords (nats-server checks them at each login). */
const BCRYPT_COST = 10;

export interface RegisteredStation {
  id: string;
  name: string;
  passwordHash: string;
  createdAt: number;
}

export class StationExists extends Error {
  constructor(id: string) {
    super(`Trạm "${id}" đã có trong danh sách. / Station "${id}" is already registered.`);
    this.name = 'StationExists';
  }
}

/** 24 random bytes, base64url: 32 characters, well above the contract's minimum of 16. */
export const newPassword = (): string => randomBytes(24).toString('base64url');

export class StationRegistry {
  constructor(private readonly db: Database) {}

  async list(): Promise<RegisteredStation[]> {
    return this.db.all<RegisteredStation>(
      `SELECT id, name, password_hash AS passwordHash, created_at AS createdAt
       FROM registry_stations ORDER BY id`,
    );
  }

  /** Registers a station with a new password; returns the password (shown once, never stored). */
  async add(id: string, name: string, now = Date.now()): Promise<string> {
    const stationId = StationId.parse(id);
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 120)
      throw new Error('station name: 1 to 120 characters');
    const password = newPassword();
    const hash = bcrypt.hashSync(password, BCRYPT_COST);
    try {
      await this.db.run(
        'INSERT INTO registry_stations (id, name, password_hash, created_at) VALUES (?, ?, ?, ?)',
        [stationId, trimmed, hash, now],
      );
    } catch (err) {
      if (String(err).includes('UNIQUE')) throw new StationExists(stationId);
      throw err;
    }
    return password;
  }

  /** Undoes an add whose credentials file could not be written. */
  async remove(id: string): Promise<void> {
    await this.db.run('DELETE FROM registry_stations WHERE id = ?', [id]);
  }

  /** A named setting (hub hosts, leaf port, the centre's login), stored as text. */
  async setting(name: string): Promise<string | null> {
    return (
      (
        await this.db.get<{ value: string }>('SELECT value FROM centre_secrets WHERE name = ?', [
          name,
        ])
      )?.value ?? null
    );
  }

  async setSetting(name: string, value: string): Promise<void> {
    await this.db.run(
      `INSERT INTO centre_secrets (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value`,
      [name, value],
    );
  }

  /** The centre service's own hub login, made on first use. */
  async centreLogin(): Promise<{ user: string; password: string; hash: string }> {
    let password = await this.setting('centre_password');
    let hash = await this.setting('centre_password_hash');
    if (!password || !hash) {
      password = newPassword();
      hash = bcrypt.hashSync(password, BCRYPT_COST);
      await this.setSetting('centre_password', password);
      await this.setSetting('centre_password_hash', hash);
    }
    return { user: 'centre', password, hash };
  }
}
