import type { LockManagerLike, StorageLike } from '../src/index.js';

/**
 * The gateway's auth surface as far as sessions go, in memory: refresh tokens rotate on use, and a
 * spent token presented again revokes its family (`401 token_reused`), as api-contract.md says
 * (without the reuse grace, so that a second refresh call would show as a logout).
 */
export class FakeGateway {
  refreshCalls = 0;
  private next = 1;
  private readonly families = new Map<string, { family: number; spent: boolean }>();
  private readonly revoked = new Set<number>();
  /** Answers queued for the next calls, by path. */
  readonly scripted = new Map<string, Response[]>();
  readonly requests: { method: string; path: string; authorization: string | null; body: unknown }[] = [];

  constructor(private readonly expiresIn = 900) {}

  login(): { accessToken: string; refreshToken: string; tokenType: 'Bearer'; expiresIn: number } {
    return this.pair(this.next++);
  }

  private pair(family: number) {
    const n = this.next++;
    const refreshToken = `rt-${family}-${n}`;
    this.families.set(refreshToken, { family, spent: false });
    return { accessToken: `at-${family}-${n}`, refreshToken, tokenType: 'Bearer' as const, expiresIn: this.expiresIn };
  }

  readonly fetch = async (url: string, init?: RequestInit): Promise<Response> => {
    const path = new URL(url).pathname;
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    const headers = new Headers(init?.headers);
    this.requests.push({ method: init?.method ?? 'GET', path, authorization: headers.get('Authorization'), body });
    const queued = this.scripted.get(path)?.shift();
    if (queued) return queued;
    // Let other tabs' calls interleave, as the network would.
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (path === '/api/auth/refresh') return this.refresh(body.refreshToken);
    if (path === '/api/auth/logout') return new Response(null, { status: 204 });
    if (path === '/api/auth/me') {
      return json(200, { email: 'a@example.com', tier: 'free_trial', effectiveTier: 'free_trial' });
    }
    return json(404, { code: 'not_found', title: 'Not Found', status: 404 });
  };

  private refresh(token: string): Response {
    this.refreshCalls++;
    const entry = this.families.get(token);
    if (!entry || this.revoked.has(entry.family)) return problem(401, 'invalid_token');
    if (entry.spent) {
      this.revoked.add(entry.family);
      return problem(401, 'token_reused');
    }
    entry.spent = true;
    return json(200, this.pair(entry.family));
  }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export function problem(status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: `https://saasgate.dev/problems/${code}`, title: code, status, code, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json', ...headers },
  });
}

/** `navigator.locks` of one origin: exclusive locks granted in request order. */
export class FakeLocks implements LockManagerLike {
  granted = 0;
  private readonly tails = new Map<string, Promise<unknown>>();

  request<T>(name: string, callback: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    const run = previous.then(() => {
      this.granted++;
      return callback();
    });
    this.tails.set(name, run.catch(() => undefined));
    return run;
  }
}

/** `localStorage` of one origin, shared by the simulated tabs. */
export class SharedStorage implements StorageLike {
  readonly map = new Map<string, string>();
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.map.set(key, value);
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
}
