import { afterEach, describe, expect, it } from 'vitest';
import { SaasgateClient, webStorageStore, type SessionEvent } from '../src/index.js';
import { FakeGateway, FakeLocks, SharedStorage } from './fakes.js';

/**
 * Simulated tabs: several clients of one origin sharing its localStorage, its Web Locks (or none) and
 * real BroadcastChannels of one name (Node delivers between instances as browsers do between tabs).
 */
let opened: SaasgateClient[] = [];
let channelSeq = 0;

function origin(locks: boolean, expiresIn = 900) {
  const gateway = new FakeGateway(expiresIn);
  const storage = new SharedStorage();
  const lockManager = locks ? new FakeLocks() : null;
  const name = `saasgate-test-${++channelSeq}`;
  const tab = () => {
    const client = new SaasgateClient({
      baseUrl: 'http://gateway.test',
      fetch: gateway.fetch,
      store: webStorageStore(storage),
      locks: lockManager,
      channel: () => new BroadcastChannel(name) as never,
      name,
    });
    opened.push(client);
    return client;
  };
  return { gateway, storage, lockManager, tab };
}

function signIn(gateway: FakeGateway, first: SaasgateClient) {
  first.session.signIn(gateway.login());
}

async function settle() {
  // Lets BroadcastChannel messages in flight arrive.
  await new Promise((resolve) => setTimeout(resolve, 20));
}

afterEach(() => {
  opened.forEach((client) => client.dispose());
  opened = [];
});

describe.each([
  ['Web Locks', true],
  ['the BroadcastChannel fallback', false],
])('tabs refreshing at once, with %s', (_name, locks) => {
  it('refreshWhenFiveTabsRefreshAtOnceThenOneRefreshCallAndEveryTabHoldsTheNewPair', async () => {
    const { gateway, storage, tab } = origin(locks);
    const tabs = [tab(), tab(), tab(), tab(), tab()];
    signIn(gateway, tabs[0]!);
    await settle();
    expect(tabs.every((t) => t.session.current !== null)).toBe(true);

    const pairs = await Promise.all(tabs.map((t) => t.session.refresh()));

    expect(gateway.refreshCalls).toBe(1);
    const fresh = pairs[0]!;
    expect(pairs.every((p) => p.accessToken === fresh.accessToken && p.refreshToken === fresh.refreshToken)).toBe(true);
    expect(storage.getItem('saasgate.refreshToken')).toBe(fresh.refreshToken);
    expect(tabs.every((t) => t.session.current?.accessToken === fresh.accessToken)).toBe(true);
  });

  it('refreshWhenTabsOpenedAfterSignInStartAtOnceThenOneRefreshCall', async () => {
    const { gateway, tab } = origin(locks);
    const first = tab();
    signIn(gateway, first);
    first.dispose();
    opened = [];
    // Three tabs restored from the stored refresh token only (no access token in memory yet).
    const tabs = [tab(), tab(), tab()];

    const results = await Promise.all(tabs.map((t) => t.me()));

    expect(results.every((me) => me.email === 'a@example.com')).toBe(true);
    expect(gateway.refreshCalls).toBe(1);
    expect(new Set(tabs.map((t) => t.session.current?.accessToken)).size).toBe(1);
  });

  it('refreshWhenTimerFiresInEveryTabThenOneRefreshCallPerExpiry', async () => {
    // expiresIn 1 s: every tab schedules its refresh a quarter of the life before exp.
    const { gateway, tab } = origin(locks, 1);
    const tabs = [tab(), tab(), tab()];
    signIn(gateway, tabs[0]!);
    await settle();
    const before = tabs[0]!.session.current!.accessToken;

    await new Promise((resolve) => setTimeout(resolve, 950));

    expect(gateway.refreshCalls).toBe(1);
    expect(tabs.every((t) => t.session.current !== null && t.session.current.accessToken !== before)).toBe(true);
    tabs.forEach((t) => t.dispose());
  });
});

describe('signing out across tabs', () => {
  it('logoutWhenOneTabLogsOutThenEveryTabIsSignedOut', async () => {
    const { gateway, storage, tab } = origin(true);
    const [a, b, c] = [tab(), tab(), tab()];
    signIn(gateway, a);
    await settle();
    const events: SessionEvent[] = [];
    b.onSessionChange((e) => events.push(e));

    await c.logout();
    await settle();

    expect(gateway.requests.filter((r) => r.path === '/api/auth/logout')).toHaveLength(1);
    expect([a, b, c].every((t) => t.session.current === null && !t.signedIn)).toBe(true);
    expect(storage.getItem('saasgate.refreshToken')).toBeNull();
    expect(events).toContainEqual({ type: 'signedOut', reason: 'logged_out' });
  });

  it('logoutAllWhenCalledInOneTabThenRevokesWithBearerAndEveryTabIsSignedOut', async () => {
    const { gateway, storage, tab } = origin(false);
    const [a, b] = [tab(), tab()];
    const pair = gateway.login();
    a.session.signIn(pair);
    await settle();
    gateway.scripted.set('/api/auth/logout-all', [new Response(null, { status: 204 })]);

    await b.logoutAll();
    await settle();

    expect(gateway.requests.find((r) => r.path === '/api/auth/logout-all')?.authorization).toBe(`Bearer ${pair.accessToken}`);
    expect(a.session.current).toBeNull();
    expect(b.session.current).toBeNull();
    expect(storage.getItem('saasgate.refreshToken')).toBeNull();
  });

  it('refreshWhenFamilyWasRevokedForReuseThenEveryTabIsSignedOut', async () => {
    const { gateway, storage, tab } = origin(true);
    const [a, b] = [tab(), tab()];
    const pair = gateway.login();
    a.session.signIn(pair);
    await settle();
    // Someone else (a thief, or a stale copy) spends the stored token first.
    await gateway.fetch('http://gateway.test/api/auth/refresh', { method: 'POST', body: JSON.stringify({ refreshToken: pair.refreshToken }) });
    const signedOut: string[] = [];
    b.onSessionChange((e) => e.type === 'signedOut' && signedOut.push(e.reason));

    await expect(a.session.refresh()).rejects.toMatchObject({ status: 401, code: 'token_reused' });
    await settle();

    expect(a.session.current).toBeNull();
    expect(b.session.current).toBeNull();
    expect(storage.getItem('saasgate.refreshToken')).toBeNull();
    expect(signedOut).toEqual(['token_reused']);
  });
});
