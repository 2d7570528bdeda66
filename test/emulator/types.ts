/** Public types of the emulator API (re-exported by index.ts). */
import type { Webhooks, WebhookSettings } from './webhooks';

export interface RateLimitOptions {
	limit: number;
	windowMs: number;
	/** Share of `limit` after which every response is delayed by `slowdownMs` (default 0.8). */
	slowdownRatio?: number;
	/** Delay added once usage is above `slowdownRatio` (default 2000). */
	slowdownMs?: number;
}

export interface EmulatorOptions {
	/** 0 (default) = random free port; always binds 127.0.0.1. */
	port?: number;
	/** Accepted bearer token, default 'emulator-token'. */
	token?: string;
	/** Default { limit: 150, windowMs: 60000, slowdownRatio: 0.8, slowdownMs: 2000 }; false = off. */
	rateLimit?: RateLimitOptions | false;
	/** Extra latency on every API request: fixed ms or a random [min, max] range. Default 0. */
	latencyMs?: number | [number, number];
	/** How long a write job stays PENDING before SUCCESS/FAILURE. Default 1000. */
	writeStatusDelayMs?: number;
	/** Most charges one batch may hold; more is 400 BATCH_TOO_LARGE. Default 500. */
	maxBatchSize?: number;
	/** extraIntegrations: additional generated RESMAN integrations (to exercise picker paging). */
	seed?: { extraIntegrations?: number };
	/** Webhook deliveries: retry interval, retries, delay, envelope (see webhooks.ts). */
	webhooks?: Partial<WebhookSettings>;
	/** Called once per API request after its response was sent (or the socket dropped). */
	onRequest?: (request: RecordedRequest) => void;
}

export interface RecordedRequest {
	id: number;
	method: string;
	path: string;
	query: Record<string, string>;
	body: unknown;
	/** HTTP status sent; 0 when the socket was dropped by a fault. */
	status: number;
	at: number;
	authorized: boolean;
}

/** One accepted ResMan payment POST. */
export interface LedgerEntry {
	jobId: string;
	payment: Record<string, unknown>;
	at: number;
}

/** One accepted ResMan charge: a single POST, or one charge of a batch POST. */
export interface ChargeLedgerEntry {
	jobId: string;
	/** The 9 single-charge fields; a batch charge gets the batch's `integration_id`. */
	charge: Record<string, unknown>;
	at: number;
	/** Only on batch charges: the position in `charges` (entries of one batch share `jobId`). */
	batchIndex?: number;
}

export type Fault =
	/** Reply with this status (errorResponse body unless `body` given); the write is NOT recorded. */
	| { kind: 'status'; status: number; body?: unknown }
	/** Destroy the socket without recording the write. */
	| { kind: 'drop-before' }
	/** Process the request (write recorded in the ledger), then destroy the socket with no response. */
	| { kind: 'drop-after' }
	/** Process the request (write recorded), then answer this status (e.g. 502 from a proxy). */
	| { kind: 'status-after'; status: number }
	/** Delay this response by ms, then answer normally. */
	| { kind: 'latency'; ms: number }
	/**
	 * Process the request (write recorded, job created), then answer `status` (2xx, default 200)
	 * with `{ result }` only: no `meta.job_id`. Responses without a job id pass unchanged.
	 */
	| { kind: 'no-job-id'; status?: number };

/**
 * `method` compares case-insensitively. `path` is the exact request path (no query), or a
 * pattern where `{name}` matches one path segment and a trailing `*` matches any rest.
 */
export interface FaultMatch {
	method?: string;
	path?: string;
}

export interface Emulator {
	url: string;
	port: number;
	token: string;
	/** Every API request received, in order (the token itself is never stored). */
	requests: RecordedRequest[];
	/** Payments recorded, in order. */
	ledger: LedgerEntry[];
	/** Charges recorded, in order (single and batch; see ChargeLedgerEntry.batchIndex). */
	chargeLedger: ChargeLedgerEntry[];
	/** Queued: each fault is used by the next matching request, once. */
	injectFaults(match: FaultMatch, ...faults: Fault[]): void;
	setRateLimit(rateLimit: EmulatorOptions['rateLimit']): void;
	/** `undefined` restores the default (500). Kept by reset(), like the rate-limit settings. */
	setMaxBatchSize(max: number | undefined): void;
	/** Registered webhooks, their deliveries, and `emit` to send an event. */
	webhooks: Webhooks;
	/** Clear requests, ledgers, jobs, created records, faults, rate windows and webhooks. */
	reset(): void;
	close(): Promise<void>;
}
