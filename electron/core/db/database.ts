// A small promise wrapper over node-sqlite3. One connection per process; every
// statement goes through one queue so a transaction never interleaves with
// statements issued by other callers on the same connection.
import sqlite3 from 'sqlite3';

export type SqlValue = string | number | bigint | Buffer | null;
export type SqlParams = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

export interface RunResult {
  lastId: number;
  changes: number;
}

/** What code inside and outside a transaction can do with the database. */
export interface Queryable {
  run(sql: string, params?: SqlParams): Promise<RunResult>;
  get<T>(sql: string, params?: SqlParams): Promise<T | undefined>;
  all<T>(sql: string, params?: SqlParams): Promise<T[]>;
  exec(sql: string): Promise<void>;
}

export interface DatabaseOptions {
  /** How long a statement waits for a lock held by another connection, in ms. */
  busyTimeoutMs?: number;
}

class RawConnection implements Queryable {
  constructor(private readonly db: sqlite3.Database) {}

  run(sql: string, params: SqlParams = []): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      this.db.run(sql, params, function (this: sqlite3.RunResult, err: Error | null) {
        if (err) reject(err);
        else resolve({ lastId: this.lastID, changes: this.changes });
      });
    });
  }

  get<T>(sql: string, params: SqlParams = []): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      this.db.get(sql, params, (err: Error | null, row: T | undefined) =>
        err ? reject(err) : resolve(row),
      );
    });
  }

  all<T>(sql: string, params: SqlParams = []): Promise<T[]> {
    return new Promise((resolve, reject) => {
      this.db.all(sql, params, (err: Error | null, rows: T[]) =>
        err ? reject(err) : resolve(rows),
      );
    });
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.exec(sql, (err: Error | null) => (err ? reject(err) : resolve()));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.db.close((err: Error | null) => (err ? reject(err) : resolve()));
    });
  }
}

export class Database implements Queryable {
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  private constructor(
    private readonly raw: RawConnection,
    readonly file: string,
  ) {}

  static async open(file: string, opts: DatabaseOptions = {}): Promise<Database> {
    const handle = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db: sqlite3.Database = new sqlite3.Database(
        file,
        sqlite3.OPEN_READWRITE | sqlite3.OPEN_CREATE,
        (err: Error | null) => (err ? reject(err) : resolve(db)),
      );
    });
    const raw = new RawConnection(handle);
    try {
      await raw.exec(
        `PRAGMA busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`,
      );
      // WAL: readers never block the writer, and a crash loses at most the last transaction.
      await raw.get('PRAGMA journal_mode = WAL');
      await raw.exec('PRAGMA synchronous = NORMAL');
      await raw.exec('PRAGMA foreign_keys = ON');
    } catch (err) {
      await raw.close().catch(() => undefined);
      throw err;
    }
    return new Database(raw, file);
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('database is closed'));
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  run(sql: string, params?: SqlParams): Promise<RunResult> {
    return this.enqueue(() => this.raw.run(sql, params));
  }

  get<T>(sql: string, params?: SqlParams): Promise<T | undefined> {
    return this.enqueue(() => this.raw.get<T>(sql, params));
  }

  all<T>(sql: string, params?: SqlParams): Promise<T[]> {
    return this.enqueue(() => this.raw.all<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.enqueue(() => this.raw.exec(sql));
  }

  /**
   * Runs `fn` inside BEGIN IMMEDIATE … COMMIT (ROLLBACK when it throws).
   * Use only the `tx` handle inside `fn`: calling the Database itself there would
   * wait behind the transaction and deadlock.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.enqueue(async () => {
      await this.raw.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(this.raw);
        await this.raw.exec('COMMIT');
        return result;
      } catch (err) {
        await this.raw.exec('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    const pending = this.queue;
    this.closed = true;
    await pending;
    await this.raw.close();
  }
}
