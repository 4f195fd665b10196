import { ApiProblem } from './problem.js';
import { Session, type SessionEvent, type Tokens } from './session.js';
import { Transport, type Call, type FetchLike } from './transport.js';
import { webStorageStore, type TokenStore } from './storage.js';
import { channelLock, noLock, webLock, type ChannelLike, type LockManagerLike, type TabLock } from './coordination.js';
import type {
  CheckoutRequest,
  Me,
  Plan,
  RegisterRequest,
  Registered,
  Subscription,
  TokenPair,
  UsageSummary,
} from './types.js';

export interface ClientOptions {
  /** The gateway, e.g. `http://localhost:5000`. */
  baseUrl: string;
  /** Where the refresh token is kept; `localStorage` by default (see {@link webStorageStore}). */
  store?: TokenStore;
  fetch?: FetchLike;
  /** Web Locks; `navigator.locks` by default, `null` to use the BroadcastChannel fallback. */
  locks?: LockManagerLike | null;
  /** Makes the channel the tabs talk on; `new BroadcastChannel(name)` by default, `null` for none. */
  channel?: (() => ChannelLike) | null;
  /** The name of the lock and of the channel; one per app and gateway. */
  name?: string;
  refreshBeforeSeconds?: number;
  autoRefresh?: boolean;
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * The saasgate gateway's public API for a front end: sign-up, login and the session (see {@link Session}),
 * plans, checkout and the billing portal, the subscription and usage. Failures are thrown as
 * {@link ApiProblem}.
 */
export class SaasgateClient {
  readonly session: Session;
  private readonly transport: Transport;
  private readonly channel: ChannelLike | null;

  constructor(options: ClientOptions) {
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      fetch: options.fetch,
      maxRetryAfterSeconds: options.maxRetryAfterSeconds,
      sleep: options.sleep,
    });
    const name = options.name ?? 'saasgate-session';
    this.channel = makeChannel(options.channel, name);
    this.session = new Session({
      store: options.store ?? webStorageStore(),
      lock: makeLock(options.locks, this.channel, name),
      channel: this.channel,
      refresh: (refreshToken) =>
        this.transport.request<TokenPair>({ method: 'POST', path: '/api/auth/refresh', body: { refreshToken } }),
      refreshBeforeSeconds: options.refreshBeforeSeconds,
      autoRefresh: options.autoRefresh,
      now: options.now,
    });
  }

  onSessionChange(listener: (event: SessionEvent) => void): () => void {
    return this.session.onChange(listener);
  }

  get signedIn(): boolean {
    return this.session.signedIn;
  }

  /** `201`: the account exists, unverified; a verification mail is on its way. */
  register(request: RegisterRequest): Promise<Registered> {
    return this.transport.request({ method: 'POST', path: '/api/auth/register', body: request });
  }

  /** Verifies the address with the mailed token and signs in (every tab). */
  async verifyEmail(token: string): Promise<Tokens> {
    const pair = await this.transport.request<TokenPair>({ method: 'POST', path: '/api/auth/verify-email', body: { token } });
    return this.session.signIn(pair);
  }

  /** `202` whatever the address. */
  async resendVerification(email: string): Promise<void> {
    await this.transport.request({ method: 'POST', path: '/api/auth/resend-verification', body: { email } });
  }

  async login(email: string, password: string): Promise<Tokens> {
    const pair = await this.transport.request<TokenPair>({ method: 'POST', path: '/api/auth/login', body: { email, password } });
    return this.session.signIn(pair);
  }

  /** Revokes this login's refresh-token family and signs out every tab, even if the call fails. */
  async logout(): Promise<void> {
    const refreshToken = this.session.current?.refreshToken ?? this.session.storedRefreshToken();
    try {
      if (refreshToken) {
        await this.transport.request({ method: 'POST', path: '/api/auth/logout', body: { refreshToken } });
      }
    } finally {
      this.session.end('logged_out');
    }
  }

  /** Revokes every refresh token of the user (all devices) and signs out every tab. */
  async logoutAll(): Promise<void> {
    try {
      await this.authed({ method: 'POST', path: '/api/auth/logout-all' });
    } finally {
      this.session.end('logged_out_everywhere');
    }
  }

  async forgotPassword(email: string): Promise<void> {
    await this.transport.request({ method: 'POST', path: '/api/auth/password/forgot', body: { email } });
  }

  async resetPassword(token: string, newPassword: string): Promise<void> {
    await this.transport.request({ method: 'POST', path: '/api/auth/password/reset', body: { token, newPassword } });
  }

  me(): Promise<Me> {
    return this.authed({ method: 'GET', path: '/api/auth/me' });
  }

  plans(): Promise<Plan[]> {
    return this.transport.request({ method: 'GET', path: '/api/billing/plans' });
  }

  /** A Stripe Checkout Session for the tier: the URL to send the browser to. */
  async checkout(tier: NonNullable<CheckoutRequest['tier']>): Promise<string> {
    const session = await this.authed<{ url?: string }>({ method: 'POST', path: '/api/billing/checkout', body: { tier } });
    return requireUrl(session);
  }

  /** A Stripe Billing Portal session: the URL to send the browser to. */
  async portal(): Promise<string> {
    return requireUrl(await this.authed<{ url?: string }>({ method: 'POST', path: '/api/billing/portal' }));
  }

  subscription(): Promise<Subscription> {
    return this.authed({ method: 'GET', path: '/api/billing/subscription' });
  }

  usageSummary(): Promise<UsageSummary> {
    return this.authed({ method: 'GET', path: '/api/usage/summary' });
  }

  /**
   * Any call as the signed-in user, e.g. an upstream service route (`/api/intelligence/...`). A `401`
   * answer is retried once after a refresh (the token may have expired in flight).
   */
  async authed<T>(call: Omit<Call, 'accessToken'>): Promise<T> {
    const accessToken = await this.session.accessToken();
    try {
      return await this.transport.request<T>({ ...call, accessToken });
    } catch (error) {
      if (!(error instanceof ApiProblem) || error.status !== 401 || !this.session.signedIn) throw error;
      const fresh = await this.session.refresh();
      return this.transport.request<T>({ ...call, accessToken: fresh.accessToken });
    }
  }

  /** Stops timers and tab messages (for tests and single-page-app teardown). */
  dispose(): void {
    this.session.dispose();
    this.channel?.close();
  }
}

function requireUrl(session: { url?: string }): string {
  if (!session.url) throw new ApiProblem(502, { code: 'invalid_response', title: 'No URL in the answer' });
  return session.url;
}

function makeChannel(option: ClientOptions['channel'], name: string): ChannelLike | null {
  if (option === null) return null;
  if (option) return option();
  const Channel = (globalThis as { BroadcastChannel?: new (name: string) => ChannelLike }).BroadcastChannel;
  if (!Channel) return null;
  const channel = new Channel(name);
  // Node's BroadcastChannel keeps the process alive until closed; a client must not.
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

function makeLock(option: ClientOptions['locks'], channel: ChannelLike | null, name: string): TabLock {
  const locks = option === undefined ? (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks : option;
  if (locks) return webLock(locks, name);
  if (channel) return channelLock(channel);
  return noLock;
}
