/** Where the refresh token is kept: the app's choice; `localStorage` by default. */
export interface TokenStore {
  get(): string | null;
  set(refreshToken: string): void;
  clear(): void;
  /** Calls `listener` when another tab changes the stored token (`null`: removed); returns an unsubscribe. */
  watch?(listener: (refreshToken: string | null) => void): () => void;
}

/** Minimal Web Storage, so that tests can pass a Map-backed one. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const DEFAULT_STORAGE_KEY = 'saasgate.refreshToken';

/** The refresh token in a Web Storage (`localStorage` unless given), shared by every tab of the origin. */
export function webStorageStore(storage?: StorageLike, key: string = DEFAULT_STORAGE_KEY): TokenStore {
  const target = storage ?? (globalThis as { localStorage?: StorageLike }).localStorage;
  if (!target) return memoryStore();
  return {
    get: () => target.getItem(key),
    set: (value) => target.setItem(key, value),
    clear: () => target.removeItem(key),
    watch(listener) {
      const events = globalThis as unknown as {
        addEventListener?: (type: string, l: (e: StorageEvent) => void) => void;
        removeEventListener?: (type: string, l: (e: StorageEvent) => void) => void;
      };
      if (!events.addEventListener || !events.removeEventListener) return () => {};
      const onStorage = (event: StorageEvent) => {
        if (event.key === key || event.key === null) listener(event.key === null ? null : event.newValue);
      };
      events.addEventListener('storage', onStorage);
      return () => events.removeEventListener?.('storage', onStorage);
    },
  };
}

/** Only in this tab's memory: a reload signs out. */
export function memoryStore(): TokenStore {
  let value: string | null = null;
  return {
    get: () => value,
    set: (v) => {
      value = v;
    },
    clear: () => {
      value = null;
    },
  };
}
