import type { paths } from './generated/api.js';

/**
 * Request and response types of the public API, taken from the generated `paths` (openapi-typescript
 * over `openapi.json`), so that a change in the gateway's description changes them, or fails the build.
 * The media type is not pinned: whatever the description names for a 2xx answer is the body.
 */
type Operation<P extends keyof paths, M extends keyof paths[P]> = NonNullable<paths[P][M]>;

type BodyOf<R> = R extends { content?: infer C }
  ? NonNullable<C> extends Record<string, infer T>
    ? T
    : never
  : never;

type SuccessStatus = 200 | 201 | 202;

/** The JSON body of the 2xx answer of `M P`. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer R }
    ? BodyOf<R[Extract<keyof R, SuccessStatus>]>
    : never;

/** The JSON request body of `M P`. */
export type RequestOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer B } ? BodyOf<NonNullable<B>> : never;

export type RegisterRequest = RequestOf<'/api/auth/register', 'post'>;
export type Registered = ResponseOf<'/api/auth/register', 'post'>;
export type TokenPair = ResponseOf<'/api/auth/login', 'post'>;
export type Me = ResponseOf<'/api/auth/me', 'get'>;
export type Plan = ResponseOf<'/api/billing/plans', 'get'> extends (infer E)[] ? E : never;
export type Subscription = ResponseOf<'/api/billing/subscription', 'get'>;
export type UsageSummary = ResponseOf<'/api/usage/summary', 'get'>;
export type CheckoutRequest = RequestOf<'/api/billing/checkout', 'post'>;

/** The contract's tiers (api-contract.md, "Conventions"). */
export type Tier = 'free_trial' | 'free_restricted' | 'basic' | 'pro';
