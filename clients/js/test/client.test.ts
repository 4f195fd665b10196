import { describe, expect, it } from 'vitest';
import { ApiProblem, SaasgateClient, memoryStore, retryAfterSeconds } from '../src/index.js';
import { FakeGateway, json, problem } from './fakes.js';

function client(gateway: FakeGateway, sleeps: number[] = []) {
  return new SaasgateClient({
    baseUrl: 'http://gateway.test/',
    fetch: gateway.fetch,
    store: memoryStore(),
    locks: null,
    channel: null,
    autoRefresh: false,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
}

describe('calls', () => {
  it('loginWhenAcceptedThenSignsInAndSendsBearerOnMe', async () => {
    const gateway = new FakeGateway();
    const pair = gateway.login();
    gateway.scripted.set('/api/auth/login', [json(200, pair)]);
    const api = client(gateway);

    await api.login('a@example.com', 'correct-horse-battery');
    const me = await api.me();

    expect(me.email).toBe('a@example.com');
    expect(gateway.requests.at(-1)).toMatchObject({ path: '/api/auth/me', authorization: `Bearer ${pair.accessToken}` });
    expect(gateway.requests[0]).toMatchObject({ path: '/api/auth/login', body: { email: 'a@example.com', password: 'correct-horse-battery' } });
  });

  it('checkoutWhenAnsweredThenReturnsTheUrlToRedirectTo', async () => {
    const gateway = new FakeGateway();
    gateway.scripted.set('/api/billing/checkout', [json(200, { url: 'http://pay.test/c/cs_1' })]);
    gateway.scripted.set('/api/billing/portal', [json(200, { url: 'http://pay.test/p/bps_1' })]);
    const api = client(gateway);
    api.session.signIn(gateway.login());

    expect(await api.checkout('pro')).toBe('http://pay.test/c/cs_1');
    expect(await api.portal()).toBe('http://pay.test/p/bps_1');
    expect(gateway.requests[0]?.body).toEqual({ tier: 'pro' });
  });

  it('meWhenAccessTokenRejectedThenRefreshesOnceAndRetries', async () => {
    const gateway = new FakeGateway();
    const api = client(gateway);
    api.session.signIn(gateway.login());
    gateway.scripted.set('/api/auth/me', [problem(401, 'invalid_token')]);

    const me = await api.me();

    expect(me.email).toBe('a@example.com');
    expect(gateway.refreshCalls).toBe(1);
    expect(gateway.requests.map((r) => r.path)).toEqual(['/api/auth/me', '/api/auth/refresh', '/api/auth/me']);
  });
});

describe('problems and retries', () => {
  it('requestWhenQuotaExceededThenTypedProblemWithUpgradeUrlAndNoRetry', async () => {
    const gateway = new FakeGateway();
    const api = client(gateway);
    api.session.signIn(gateway.login());
    gateway.scripted.set('/api/intelligence/complete', [
      problem(429, 'quota_exceeded', { detail: 'Monthly llm_tokens quota used up', tier: 'free_restricted', limit: 0, remaining: 0, resetAt: '2027-01-01T00:00:00Z', upgradeUrl: 'http://app.test/billing' }, { 'Retry-After': '5' }),
    ]);

    const error = await api.authed({ method: 'POST', path: '/api/intelligence/complete', body: {} }).catch((e) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 429, code: 'quota_exceeded', tier: 'free_restricted', limit: 0, upgradeUrl: 'http://app.test/billing', detail: 'Monthly llm_tokens quota used up' });
    expect(gateway.requests).toHaveLength(1);
  });

  it('requestWhenOverloadedThenOneRetryAfterRetryAfter', async () => {
    const gateway = new FakeGateway();
    const sleeps: number[] = [];
    const api = client(gateway, sleeps);
    gateway.scripted.set('/api/auth/login', [problem(503, 'overloaded', {}, { 'Retry-After': '2' }), json(200, gateway.login())]);

    await api.login('a@example.com', 'pw-pw-pw-pw-pw');

    expect(sleeps).toEqual([2000]);
    expect(gateway.requests.filter((r) => r.path === '/api/auth/login')).toHaveLength(2);
    expect(api.session.current).not.toBeNull();
  });

  it('requestWhenOverloadedTwiceThenThrowsAfterOneRetry', async () => {
    const gateway = new FakeGateway();
    const api = client(gateway);
    gateway.scripted.set('/api/auth/login', [problem(503, 'overloaded'), problem(503, 'overloaded'), json(200, gateway.login())]);

    await expect(api.login('a@example.com', 'pw-pw-pw-pw-pw')).rejects.toMatchObject({ status: 503, code: 'overloaded' });
    expect(gateway.requests).toHaveLength(2);
  });

  it('requestWhenRateLimitedWithShortRetryAfterThenRetriesOnce', async () => {
    const gateway = new FakeGateway();
    const sleeps: number[] = [];
    const api = client(gateway, sleeps);
    gateway.scripted.set('/api/billing/plans', [problem(429, 'rate_limited', { upgradeUrl: 'http://app.test/billing' }, { 'Retry-After': '1' }), json(200, [{ tier: 'pro' }])]);

    expect(await api.plans()).toEqual([{ tier: 'pro' }]);
    expect(sleeps).toEqual([1000]);
  });

  it('requestWhenLockedOutForLongerThanTheRetryCapThenThrowsWithRetryAfter', async () => {
    const gateway = new FakeGateway();
    const api = client(gateway);
    gateway.scripted.set('/api/auth/login', [problem(429, 'too_many_attempts', {}, { 'Retry-After': '900' })]);

    await expect(api.login('a@example.com', 'wrong-wrong-wrong')).rejects.toMatchObject({ code: 'too_many_attempts', retryAfter: 900 });
    expect(gateway.requests).toHaveLength(1);
  });

  it('requestWhenNetworkFailsThenNetworkErrorProblem', async () => {
    const api = new SaasgateClient({
      baseUrl: 'http://gateway.test',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      store: memoryStore(),
      locks: null,
      channel: null,
    });

    await expect(api.plans()).rejects.toMatchObject({ status: 0, code: 'network_error', detail: 'Failed to fetch' });
  });

  it('retryAfterWhenHttpDateThenSecondsFromNow', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(retryAfterSeconds('Tue, 01 Dec 2026 00:00:30 GMT', now)).toBe(30);
    expect(retryAfterSeconds('7', now)).toBe(7);
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});
