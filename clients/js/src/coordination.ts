/**
 * Mutual exclusion between the tabs of one origin, so that N tabs refreshing at once make one refresh
 * call: the Web Locks API where there is one, else a claim protocol over a BroadcastChannel.
 */
export interface TabLock {
  run<T>(task: () => Promise<T>): Promise<T>;
}

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The part of BroadcastChannel used here. */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  close(): void;
}

export function webLock(locks: LockManagerLike, name: string): TabLock {
  return { run: (task) => locks.request(name, task) };
}

type LockMessage =
  | { kind: 'lock'; type: 'claim'; id: string; at: number }
  | { kind: 'lock'; type: 'held'; id: string; until: number }
  | { kind: 'lock'; type: 'release'; id: string };

export interface ChannelLockOptions {
  /** How long a claim waits for competing claims before deciding, ms. */
  claimWindowMs?: number;
  /** The most a holder may keep the lock before others stop waiting for it, ms. */
  leaseMs?: number;
  now?: () => number;
}

/**
 * The fallback without Web Locks: a tab that wants the lock posts a claim and listens for a short
 * window; the earliest claim (ties: the smaller id) wins and announces it holds the lock, the others
 * wait for its release (or its lease to run out) and claim again. A claim that arrives slower than the
 * window can still win twice; the session's check of the stored token and the server's refresh reuse
 * grace make that a second refresh call at worst, never a logout.
 */
export function channelLock(channel: ChannelLike, options: ChannelLockOptions = {}): TabLock {
  const id = Math.random().toString(36).slice(2) + Date.now().toString(36);
  const windowMs = options.claimWindowMs ?? 40;
  const leaseMs = options.leaseMs ?? 15_000;
  const now = options.now ?? Date.now;
  let holder: { id: string; until: number } | null = null;
  let claims: { id: string; at: number }[] | null = null;
  const released = new Map<string, number>();
  const waiters = new Set<() => void>();
  let local: Promise<unknown> = Promise.resolve();

  const wake = () => {
    for (const w of [...waiters]) w();
  };
  channel.addEventListener('message', (event) => {
    const m = event.data as LockMessage;
    if (!m || m.kind !== 'lock' || m.id === id) return;
    if (m.type === 'claim' && claims) claims.push({ id: m.id, at: m.at });
    if (m.type === 'held') holder = { id: m.id, until: m.until };
    if (m.type === 'release') {
      released.set(m.id, now());
      if (holder?.id === m.id) holder = null;
    }
    wake();
  });

  const waitFor = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        waiters.delete(done);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });

  async function acquire(): Promise<void> {
    for (;;) {
      while (holder && holder.until > now()) await waitFor(holder.until - now());
      holder = null;
      const mine = { id, at: now() };
      claims = [mine];
      channel.postMessage({ kind: 'lock', type: 'claim', ...mine } satisfies LockMessage);
      await new Promise((resolve) => setTimeout(resolve, windowMs));
      const seen = claims;
      claims = null;
      const first = seen.reduce((a, b) => (b.at < a.at || (b.at === a.at && b.id < a.id) ? b : a));
      if (first.id === id && !holder) {
        channel.postMessage({ kind: 'lock', type: 'held', id, until: now() + leaseMs } satisfies LockMessage);
        return;
      }
      // Lost: wait for the winner's release. Until its "held" arrives (with the real lease), a short guess,
      // unless it has already been and gone.
      if (!holder && (released.get(first.id) ?? -1) < mine.at) holder = { id: first.id, until: now() + 1000 };
    }
  }

  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      // Within one tab, calls queue behind each other before they compete with other tabs.
      const result = local.then(async () => {
        await acquire();
        try {
          return await task();
        } finally {
          channel.postMessage({ kind: 'lock', type: 'release', id } satisfies LockMessage);
        }
      });
      local = result.catch(() => undefined);
      return result;
    },
  };
}

/** No other tabs to agree with: the task runs alone (in-tab single-flight still applies). */
export const noLock: TabLock = { run: (task) => task() };
