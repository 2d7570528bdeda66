import { sleep } from 'n8n-workflow';

/**
 * Paces requests to Propexo from the `x-ratelimit-*` headers so that a long run never needs a 429.
 * Propexo counts requests per fixed window (a minute) and sends no reset header, so the window's
 * start is taken from the first response whose `remaining` shows a fresh window.
 */
export class RateLimiter {
	private limit: number | undefined;

	private remaining: number | undefined;

	private inFlight = 0;

	private windowStartedAt: number | undefined;

	private pausedUntil = 0;

	private waiters: Array<() => void> = [];

	constructor(
		readonly windowMs: number,
		private readonly maxInFlight: number,
	) {}

	/** Resolves once a request may go out; call `settle` when it has ended. */
	async acquire(signal?: AbortSignal): Promise<void> {
		if (signal?.aborted) throw signal.reason ?? new Error('aborted');
		for (;;) {
			const now = Date.now();
			if (now < this.pausedUntil) {
				await sleep(this.pausedUntil - now);
				continue;
			}
			if (this.inFlight < this.maxInFlight && this.budget() > 0) {
				this.inFlight++;
				return;
			}
			if (this.inFlight === 0) {
				this.pauseUntilWindowEnds(now);
				continue;
			}
			await new Promise<void>((resolve) => this.waiters.push(resolve));
		}
	}

	/** Records what a finished request taught us; `headers` is undefined when no answer came. */
	settle(headers?: Record<string, unknown>): void {
		this.inFlight--;
		const limit = toCount(headers?.['x-ratelimit-limit']);
		const remaining = toCount(headers?.['x-ratelimit-remaining']);
		if (limit !== undefined) this.limit = limit;
		if (remaining !== undefined) {
			const freshWindow =
				this.remaining === undefined ||
				(this.limit !== undefined && remaining >= this.limit - 1) ||
				remaining > this.remaining + this.maxInFlight;
			if (freshWindow) {
				// The arrival time is never earlier than the server's window start, so the pause
				// computed from it never ends early.
				this.windowStartedAt = Date.now();
				this.remaining = remaining;
			} else {
				this.remaining = Math.min(this.remaining ?? remaining, remaining);
			}
		}
		this.wakeAll();
	}

	/** A 429 means the window is used up: wait for it to end. Returns the pause in ms. */
	rejected(attempt: number): number {
		this.remaining = 0;
		this.windowStartedAt ??= Date.now();
		const untilWindowEnds = this.windowStartedAt + this.windowMs - Date.now();
		const backoff = Math.min(this.windowMs, 1000 * 2 ** attempt);
		const pause = Math.max(untilWindowEnds, backoff);
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + pause);
		return pause;
	}

	private budget(): number {
		// Until a response tells us the numbers, let a single request find out.
		if (this.remaining === undefined) return this.inFlight === 0 ? 1 : 0;
		return this.remaining - this.inFlight;
	}

	private pauseUntilWindowEnds(now: number): void {
		const windowEnd = (this.windowStartedAt ?? now) + this.windowMs;
		this.pausedUntil = Math.max(windowEnd, now + 1);
		// After the pause the numbers are unknown again: probe with one request.
		this.remaining = undefined;
		this.windowStartedAt = undefined;
	}

	private wakeAll(): void {
		const waiters = this.waiters;
		this.waiters = [];
		for (const wake of waiters) wake();
	}
}

function toCount(value: unknown): number | undefined {
	const text = Array.isArray(value) ? value[0] : value;
	if (text === undefined || text === null || text === '') return undefined;
	const count = Number(text);
	return Number.isInteger(count) && count >= 0 ? count : undefined;
}

const limiters = new Map<string, RateLimiter>();

/** One limiter per Propexo account and environment, shared by every execution in this process. */
export function getRateLimiter(key: string, windowMs: number): RateLimiter {
	let limiter = limiters.get(key);
	if (!limiter || limiter.windowMs !== windowMs) {
		limiter = new RateLimiter(windowMs, MAX_IN_FLIGHT);
		limiters.set(key, limiter);
	}
	return limiter;
}

// Enough parallel requests to keep moving through Propexo's 2-second slow-down near the limit.
const MAX_IN_FLIGHT = 4;
