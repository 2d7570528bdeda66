import { sleep } from 'n8n-workflow';

// Bounds how many writes are still in flight when a run stops.
const MAX_IN_FLIGHT = 64;

interface Waiter {
	grant: () => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
}

/**
 * Paces requests to Propexo from the `x-ratelimit-*` headers so that a run never needs a 429.
 *
 * Propexo counts requests per window (a minute) and sends no reset header. The numbers of a
 * window are only taken from a probe: one request sent with nothing else in flight, so that its
 * answer cannot be mistaken for an older one. After it, up to `remaining` requests (at most
 * `maxInFlight`) may be in flight. Answers arrive out of order, so the lowest `remaining` counts,
 * and the window is taken to end one window after the probe's answer arrived, which is never
 * before the server resets it. Then, or as soon as an answer shows more left than this window
 * could still show, the numbers are forgotten: what is in flight drains and a new probe goes out.
 */
export class RateLimiter {
	/** What the window can still take, unanswered requests deducted; undefined until a probe. */
	private left: number | undefined;

	/** The lowest `remaining` answered in this window. */
	private lowestSeen = 0;

	/** The highest `remaining` that a later answer from this same window could still show. */
	private ceiling = 0;

	private windowEndsAt: number | undefined;

	private probing = false;

	private pausedUntil = 0;

	private active = 0;

	private readonly waiters = new Set<Waiter>();

	// One listener per signal: a pool's many callers share one, and Node warns past ten.
	private readonly watched = new Map<AbortSignal, { waiters: Set<Waiter>; onAbort: () => void }>();

	private wakeAt = Infinity;

	private pumpPending = false;

	constructor(
		readonly windowMs: number,
		private readonly maxInFlight = MAX_IN_FLIGHT,
	) {}

	/** Requests sent and not yet settled. */
	get inFlight(): number {
		return this.active;
	}

	/** Callers waiting in `acquire`. */
	get waiting(): number {
		return this.waiters.size;
	}

	/** What the current window can still take as far as known; undefined until a probe answers. */
	get remaining(): number | undefined {
		return this.left;
	}

	/**
	 * Resolves once a request may go out; call `settle` when it has ended. Rejects with an
	 * AbortError, without taking a slot, if `signal` aborts first.
	 */
	acquire(signal?: AbortSignal): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			if (signal?.aborted) {
				reject(abortError(signal));
				return;
			}
			const waiter: Waiter = { grant: resolve, reject, signal };
			this.waiters.add(waiter);
			if (signal) this.watch(signal, waiter);
			if (!this.pumpPending) this.pump();
		});
	}

	/** Records what a finished request taught us; `headers` is undefined when no answer came. */
	settle(headers?: Record<string, unknown>): void {
		this.active = Math.max(0, this.active - 1);
		const now = Date.now();
		this.expire(now);
		const remaining = toCount(headers?.['x-ratelimit-remaining']);
		if (this.probing) {
			this.probing = false;
			if (remaining !== undefined) this.open(remaining, now);
		} else if (this.left !== undefined) {
			if (remaining === undefined) {
				// It may have been counted all the same.
				this.left = Math.max(0, this.left - 1);
			} else if (remaining > this.ceiling) {
				// No request of this window can still show that many left: the window was reset.
				this.forget();
			} else {
				this.lowestSeen = Math.min(this.lowestSeen, remaining);
				this.left = Math.min(this.left, remaining);
			}
			// Whatever is sent from now on is counted after every answer seen so far.
			if (this.active === 0 && this.left !== undefined) this.ceiling = this.lowestSeen - 1;
		}
		// Answers that come while the numbers are unknown may be from an ended window: ignored.
		this.pumpSoon();
	}

	/** A 429 means the window is used up: wait for it to end. Returns the pause in ms. */
	rejected(attempt: number): number {
		const now = Date.now();
		this.expire(now);
		if (this.left !== undefined) this.left = 0;
		const windowEnd = this.windowEndsAt ?? now + this.windowMs;
		const backoff = Math.min(this.windowMs, 1000 * 2 ** attempt);
		const pause = Math.max(windowEnd - now, backoff);
		this.pausedUntil = Math.max(this.pausedUntil, now + pause);
		this.pumpSoon();
		return pause;
	}

	private budget(): number {
		if (this.left === undefined) return this.active === 0 ? 1 : 0;
		return Math.min(this.left, this.maxInFlight) - this.active;
	}

	private open(remaining: number, now: number): void {
		this.left = remaining;
		this.lowestSeen = remaining;
		// Every other request of this window is counted after the probe.
		this.ceiling = remaining - 1;
		// The probe was counted in this window before its answer arrived.
		this.windowEndsAt = now + this.windowMs;
	}

	private forget(): void {
		this.left = undefined;
		this.windowEndsAt = undefined;
	}

	private expire(now: number): void {
		if (this.windowEndsAt !== undefined && now >= this.windowEndsAt) this.forget();
	}

	private pump(): void {
		const now = Date.now();
		this.expire(now);
		for (const waiter of this.waiters) {
			if (now < this.pausedUntil || this.budget() <= 0) break;
			this.waiters.delete(waiter);
			this.unwatch(waiter);
			if (this.left === undefined) this.probing = true;
			this.active++;
			waiter.grant();
		}
		this.scheduleWake(now);
	}

	private watch(signal: AbortSignal, waiter: Waiter): void {
		let watched = this.watched.get(signal);
		if (!watched) {
			const waiters = new Set<Waiter>();
			const onAbort = () => {
				this.watched.delete(signal);
				for (const aborted of waiters) {
					this.waiters.delete(aborted);
					aborted.reject(abortError(signal));
				}
			};
			watched = { waiters, onAbort };
			this.watched.set(signal, watched);
			signal.addEventListener('abort', onAbort, { once: true });
		}
		watched.waiters.add(waiter);
	}

	private unwatch(waiter: Waiter): void {
		const signal = waiter.signal;
		const watched = signal && this.watched.get(signal);
		if (!signal || !watched) return;
		watched.waiters.delete(waiter);
		if (watched.waiters.size > 0) return;
		signal.removeEventListener('abort', watched.onAbort);
		this.watched.delete(signal);
	}

	// The caller of `settle` acts on its answer before anything else leaves: a failed item stops
	// its run, a 429 pauses everyone.
	private pumpSoon(): void {
		if (this.pumpPending) return;
		this.pumpPending = true;
		void sleep(0).then(() => {
			this.pumpPending = false;
			this.pump();
		});
	}

	/** Only time can free a slot when paused, or when the window is used up with nothing out. */
	private scheduleWake(now: number): void {
		if (this.waiters.size === 0) return;
		let at: number | undefined;
		if (now < this.pausedUntil) at = this.pausedUntil;
		else if (this.windowEndsAt !== undefined && this.budget() <= 0) at = this.windowEndsAt;
		if (at === undefined || at >= this.wakeAt) return;
		const wakeAt = at;
		this.wakeAt = wakeAt;
		void sleep(wakeAt - now).then(() => {
			if (this.wakeAt === wakeAt) this.wakeAt = Infinity;
			this.pump();
		});
	}
}

function abortError(signal: AbortSignal): Error {
	const error = new Error('The request was not sent: the run was cancelled', {
		cause: signal.reason,
	});
	error.name = 'AbortError';
	return error;
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
		limiter = new RateLimiter(windowMs);
		limiters.set(key, limiter);
	}
	return limiter;
}
