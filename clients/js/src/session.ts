import { ApiProblem } from './problem.js';
import type { TokenPair } from './types.js';
import type { TokenStore } from './storage.js';
import type { ChannelLike, TabLock } from './coordination.js';

/** The pair this tab holds: the access token only in memory, the refresh token also in the store. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** When the access token expires, ms since the epoch (its `exp`, else now + `expiresIn`). */
  expiresAt: number;
}

export type SessionEvent =
  | { type: 'signedIn'; tokens: Tokens; here: boolean }
  | { type: 'refreshed'; tokens: Tokens; here: boolean }
  | { type: 'signedOut'; reason: string };

type TabMessage =
  | { kind: 'session'; type: 'tokens'; tokens: Tokens; signedIn: boolean }
  | { kind: 'session'; type: 'signedOut'; reason: string };

export interface SessionOptions {
  store: TokenStore;
  lock: TabLock;
  /** Tells the other tabs about new pairs and logouts; null for none. */
  channel: ChannelLike | null;
  /** The refresh call itself (POST /api/auth/refresh). */
  refresh: (refreshToken: string) => Promise<TokenPair>;
  /** Refresh this long before `exp`, seconds (default 60, at most a quarter of the token's life). */
  refreshBeforeSeconds?: number;
  /** How long a tab that finds a newer stored token waits for the tab that made it to send the pair, ms. */
  pairWaitMs?: number;
  /** Whether to refresh on a timer before `exp` (default true). */
  autoRefresh?: boolean;
  now?: () => number;
}

/**
 * A signed-in user's tokens in one tab, kept in step with the other tabs of the same origin.
 *
 * Refresh is single-flight: within a tab one promise, across tabs one lock (Web Locks, or the
 * BroadcastChannel fallback). The tab that gets the lock first refreshes and sends the new pair to the
 * others; a tab that gets the lock after it sees a newer refresh token in the store and takes that pair
 * instead of spending the token again. A logout, or a refresh answered `token_reused` /
 * `invalid_token` (the family was revoked), ends the session in every tab.
 */
export class Session {
  private tokens: Tokens | null = null;
  private inflight: Promise<Tokens> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(event: SessionEvent) => void>();
  private readonly pairWaiters = new Set<(tokens: Tokens) => void>();
  private readonly now: () => number;
  private readonly unwatch: () => void;
  private readonly onMessage = (event: { data: unknown }) => this.receive(event.data as TabMessage);

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now;
    options.channel?.addEventListener('message', this.onMessage);
    this.unwatch =
      options.store.watch?.((token) => {
        if (token === null && this.tokens) this.end('signed_out', false);
      }) ?? (() => {});
  }

  /** Whether a refresh token is stored (this tab may not hold an access token yet). */
  get signedIn(): boolean {
    return this.options.store.get() !== null;
  }

  /** The stored refresh token (shared by the tabs), if any. */
  storedRefreshToken(): string | null {
    return this.options.store.get();
  }

  /** This tab's pair, if it holds one. */
  get current(): Tokens | null {
    return this.tokens;
  }

  onChange(listener: (event: SessionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a session from a pair that login or verify-email returned, in every tab. */
  signIn(pair: TokenPair): Tokens {
    const tokens = toTokens(pair, this.now());
    this.accept(tokens);
    this.options.store.set(tokens.refreshToken);
    this.post({ kind: 'session', type: 'tokens', tokens, signedIn: true });
    this.emit({ type: 'signedIn', tokens, here: true });
    return tokens;
  }

  /** An access token valid for a while yet, refreshing first when it is close to `exp` or missing. */
  async accessToken(): Promise<string> {
    if (this.tokens && !this.dueForRefresh(this.tokens)) return this.tokens.accessToken;
    return (await this.refresh()).accessToken;
  }

  /** Refreshes now (single-flight in the tab and across tabs) and returns the pair every tab now holds. */
  refresh(): Promise<Tokens> {
    if (this.inflight) return this.inflight;
    const known = this.tokens?.refreshToken ?? this.options.store.get();
    this.inflight = this.options.lock
      .run(() => this.refreshHoldingLock(known))
      .finally(() => {
        this.inflight = null;
      });
    return this.inflight;
  }

  /** Ends the session here and in every other tab (after the server call, if any, was made). */
  end(reason: string, tellOthers = true): void {
    const wasSignedIn = this.tokens !== null || this.options.store.get() !== null;
    this.tokens = null;
    this.clearTimer();
    this.options.store.clear();
    if (tellOthers) this.post({ kind: 'session', type: 'signedOut', reason });
    if (wasSignedIn) this.emit({ type: 'signedOut', reason });
  }

  /** Stops timers and listening; the stored token stays. */
  dispose(): void {
    this.clearTimer();
    this.unwatch();
    this.options.channel?.removeEventListener('message', this.onMessage);
  }

  private async refreshHoldingLock(known: string | null): Promise<Tokens> {
    const stored = this.options.store.get();
    if (stored === null) {
      this.end('signed_out', false);
      throw ApiProblem.signedOut('signed_out');
    }
    // Another tab refreshed while this one waited for the lock: use its pair, spend nothing.
    if (this.tokens && this.tokens.refreshToken === stored && stored !== known) {
      return this.tokens;
    }
    if (stored !== known) {
      const sent = await this.awaitPair(stored, this.options.pairWaitMs ?? 5000);
      if (sent) return sent;
    }
    let pair: TokenPair;
    try {
      pair = await this.options.refresh(stored);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 401) this.end(error.code);
      throw error;
    }
    const tokens = toTokens(pair, this.now());
    this.accept(tokens);
    this.options.store.set(tokens.refreshToken);
    this.post({ kind: 'session', type: 'tokens', tokens, signedIn: false });
    this.emit({ type: 'refreshed', tokens, here: true });
    return tokens;
  }

  private receive(message: TabMessage): void {
    if (!message || message.kind !== 'session') return;
    if (message.type === 'signedOut') {
      if (this.tokens || this.options.store.get() !== null) {
        this.tokens = null;
        this.clearTimer();
        this.emit({ type: 'signedOut', reason: message.reason });
      }
      return;
    }
    this.accept(message.tokens);
    for (const waiter of [...this.pairWaiters]) waiter(message.tokens);
    this.emit(
      message.signedIn
        ? { type: 'signedIn', tokens: message.tokens, here: false }
        : { type: 'refreshed', tokens: message.tokens, here: false },
    );
  }

  private awaitPair(refreshToken: string, ms: number): Promise<Tokens | null> {
    if (this.tokens?.refreshToken === refreshToken) return Promise.resolve(this.tokens);
    return new Promise((resolve) => {
      const waiter = (tokens: Tokens) => {
        if (tokens.refreshToken !== refreshToken) return;
        done(tokens);
      };
      const done = (tokens: Tokens | null) => {
        clearTimeout(timer);
        this.pairWaiters.delete(waiter);
        resolve(tokens);
      };
      const timer = setTimeout(() => done(null), ms);
      this.pairWaiters.add(waiter);
    });
  }

  private accept(tokens: Tokens): void {
    this.tokens = tokens;
    this.schedule(tokens);
  }

  private lead(tokens: Tokens): number {
    const life = Math.max(0, tokens.expiresAt - this.now());
    const before = (this.options.refreshBeforeSeconds ?? 60) * 1000;
    return Math.min(before, life / 4);
  }

  private dueForRefresh(tokens: Tokens): boolean {
    return tokens.expiresAt - this.now() <= Math.min((this.options.refreshBeforeSeconds ?? 60) * 1000, 5_000) ||
      tokens.expiresAt <= this.now();
  }

  private schedule(tokens: Tokens): void {
    this.clearTimer();
    if (this.options.autoRefresh === false) return;
    const delay = Math.max(0, tokens.expiresAt - this.now() - this.lead(tokens));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refresh().catch(() => {
        // A failed background refresh surfaces on the next call; a revoked family already signed out.
      });
    }, delay);
    (this.timer as { unref?: () => void }).unref?.();
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private post(message: TabMessage): void {
    this.options.channel?.postMessage(message);
  }

  private emit(event: SessionEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}

/** The pair with its expiry: the JWT's `exp` when readable, else `expiresIn` from now. */
export function toTokens(pair: TokenPair, now: number): Tokens {
  const accessToken = pair.accessToken ?? '';
  const refreshToken = pair.refreshToken ?? '';
  if (!accessToken || !refreshToken) throw new Error('The token pair lacks a token');
  const exp = jwtExp(accessToken);
  const expiresAt = exp !== undefined ? exp * 1000 : now + (pair.expiresIn ?? 900) * 1000;
  return { accessToken, refreshToken, expiresAt };
}

function jwtExp(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/')));
    return typeof json.exp === 'number' ? json.exp : undefined;
  } catch {
    return undefined;
  }
}
