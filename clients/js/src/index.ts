export { SaasgateClient, type ClientOptions } from './client.js';
export { Session, toTokens, type Tokens, type SessionEvent, type SessionOptions } from './session.js';
export { ApiProblem, isProblem } from './problem.js';
export { Transport, retryAfterSeconds, type FetchLike, type Call } from './transport.js';
export { webStorageStore, memoryStore, DEFAULT_STORAGE_KEY, type TokenStore, type StorageLike } from './storage.js';
export { channelLock, webLock, noLock, type TabLock, type ChannelLike, type LockManagerLike } from './coordination.js';
export type * from './types.js';
export type { paths, components } from './generated/api.js';
