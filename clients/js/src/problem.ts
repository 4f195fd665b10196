/**
 * An RFC 9457 problem document from the gateway or a service, as an error. `code` is the contract's
 * stable machine-readable code (`invalid_credentials`, `quota_exceeded`, ...); the fields of rate and
 * quota problems (`tier`, `limit`, `remaining`, `resetAt`, `upgradeUrl`) are lifted so that a front end
 * can show an upgrade prompt without parsing text.
 */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  /** Where to send the user to upgrade (rate_limited, quota_exceeded). */
  readonly upgradeUrl: string | undefined;
  /** Seconds to wait before trying again, from `Retry-After` (or the body's `retryAfter`). */
  readonly retryAfter: number | undefined;
  readonly tier: string | undefined;
  readonly limit: number | undefined;
  readonly remaining: number | undefined;
  readonly resetAt: string | undefined;
  /** The whole document as it came, for fields this class does not lift. */
  readonly body: Record<string, unknown>;

  constructor(status: number, body: Record<string, unknown>, retryAfter?: number) {
    const code = str(body.code) ?? fallbackCode(status);
    super(str(body.detail) ?? str(body.title) ?? `HTTP ${status} (${code})`);
    this.name = 'ApiProblem';
    this.status = status;
    this.code = code;
    this.title = str(body.title) ?? code;
    this.detail = str(body.detail);
    this.type = str(body.type);
    this.upgradeUrl = str(body.upgradeUrl);
    this.retryAfter = retryAfter ?? num(body.retryAfter);
    this.tier = str(body.tier);
    this.limit = num(body.limit);
    this.remaining = num(body.remaining);
    this.resetAt = str(body.resetAt);
    this.body = body;
  }

  /** A refused or unreachable request (no HTTP answer): status 0, code `network_error`. */
  static network(cause: unknown): ApiProblem {
    const problem = new ApiProblem(0, {
      code: 'network_error',
      title: 'Network error',
      detail: cause instanceof Error ? cause.message : String(cause),
    });
    return problem;
  }

  /** The session has ended (logged out here or in another tab, or its refresh token was revoked). */
  static signedOut(reason: string): ApiProblem {
    return new ApiProblem(401, { code: reason, title: 'Signed out', detail: 'Sign in again.' });
  }
}

export function isProblem(error: unknown, code?: string): error is ApiProblem {
  return error instanceof ApiProblem && (code === undefined || error.code === code);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function num(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return undefined;
}

function fallbackCode(status: number): string {
  if (status === 401) return 'authentication_required';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return 'http_' + status;
}
