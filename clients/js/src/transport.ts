import { ApiProblem } from './problem.js';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface TransportOptions {
  baseUrl: string;
  fetch?: FetchLike;
  /** The longest `Retry-After` (seconds) worth one automatic retry; longer waits are the caller's. */
  maxRetryAfterSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  accessToken?: string;
}

/**
 * One HTTP call to the gateway: JSON in and out, problem documents thrown as {@link ApiProblem}, and
 * one retry after a `503 overloaded` (nothing was done: the password-hash bulkhead was full) or a `429`
 * with a short enough `Retry-After`.
 */
export class Transport {
  readonly baseUrl: string;
  private readonly fetchImpl: FetchLike;
  private readonly maxRetryAfter: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const f = options.fetch ?? globalThis.fetch;
    if (!f) throw new Error('No fetch: pass options.fetch');
    // Bound, so that a window.fetch is not called with another `this`.
    this.fetchImpl = (input, init) => f(input, init);
    this.maxRetryAfter = options.maxRetryAfterSeconds ?? 30;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async request<T>(call: Call): Promise<T> {
    try {
      return await this.once<T>(call);
    } catch (error) {
      const wait = this.retryDelay(error);
      if (wait === undefined) throw error;
      await this.sleep(wait * 1000);
      return this.once<T>(call);
    }
  }

  /** Seconds to wait before the one retry, or undefined for none. */
  private retryDelay(error: unknown): number | undefined {
    if (!(error instanceof ApiProblem)) return undefined;
    if (error.status === 503 && (error.code === 'overloaded' || error.retryAfter !== undefined)) {
      return Math.min(error.retryAfter ?? 1, this.maxRetryAfter);
    }
    // A spent quota comes back only with the next period: no retry.
    if (error.status === 429 && error.code !== 'quota_exceeded' && error.retryAfter !== undefined &&
      error.retryAfter <= this.maxRetryAfter) {
      return error.retryAfter;
    }
    return undefined;
  }

  private async once<T>(call: Call): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    if (call.accessToken) headers.Authorization = `Bearer ${call.accessToken}`;
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + call.path, {
        method: call.method,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        credentials: 'omit',
      });
    } catch (cause) {
      throw ApiProblem.network(cause);
    }
    const text = await response.text();
    const json = text ? parse(text) : undefined;
    if (!response.ok) {
      const body = json && typeof json === 'object' ? (json as Record<string, unknown>) : { detail: text };
      throw new ApiProblem(response.status, body, retryAfterSeconds(response.headers.get('Retry-After')));
    }
    return json as T;
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** RFC 9110 §10.2.3: delay-seconds or an HTTP-date. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}
