// Where the session token waits for a reload. sessionStorage: this tab only, and
// gone when the window closes, so a closed console never leaves a usable token.
export const SESSION_TOKEN_KEY = 'station.session';

export interface TokenKeeper {
  get(): string | null;
  set(token: string): void;
  clear(): void;
}

type KeyValue = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function storageTokenKeeper(storage: KeyValue): TokenKeeper {
  return {
    get: () => storage.getItem(SESSION_TOKEN_KEY),
    set: (token) => storage.setItem(SESSION_TOKEN_KEY, token),
    clear: () => storage.removeItem(SESSION_TOKEN_KEY),
  };
}

/** For tests and for engines without sessionStorage: forgotten on reload. */
export function memoryTokenKeeper(initial: string | null = null): TokenKeeper {
  let token = initial;
  return {
    get: () => token,
    set: (t) => {
      token = t;
    },
    clear: () => {
      token = null;
    },
  };
}

export function defaultTokenKeeper(): TokenKeeper {
  try {
    if (typeof sessionStorage !== 'undefined') return storageTokenKeeper(sessionStorage);
  } catch {
    // storage disabled (privacy mode): keep the token in memory only
  }
  return memoryTokenKeeper();
}
