import { sleep } from 'n8n-workflow';

// Bounds how many writes are still in flight when a run stops.
const MAX_IN_FLIGHT = 128;

// Propexo's documented default: 150 requests a minute. Used until an answer gives the real limit.
const DEFAULT_LIMIT = 150;

// Above this share of the limit Propexo delays every answer.
const SLOWDOWN_RATIO = 0.8;

// Past the slow-down, at most this many of a window's requests are in flight.
const SLOWED_IN_FLIGHT = 8;

interface Waiter {
	grant: (slot: number) => void;
	reject: (error: Error) => void;
	signal?: AbortSignal;
}

/**
 * Paces requests to Propexo from the `x-ratelimit-*` headers.
 *
 * Propexo counts requests per window (a minute) and sends no reset header. Until an answer has
 * shown the numbers, one request goes out at a time. After that, a window the limiter knows
 * nothing about (the next one once the last known window is over) opens with a burst of up to
 * 80 % of the limit, sent without waiting for an answer, which stays under the slow-down in a
 * fresh window. If another client has used the window, the surplus gets 429s, which Propexo did
 * not record and which are resent when the window ends.
 *
 * The first answer of a window gives its numbers: after it, the lowest `remaining` answered
 * counts, requests still unanswered deducted. Up to 80 % of the limit may be in flight at once,
 * past that a few at a time. The window is taken to end one window after that first answer, which
 * is never before the server resets it. Then, or as soon as an answer shows more left than this
 * window could still show, the numbers are forgotten and the next window opens with a burst.
 * Answers to requests sent in an earlier window never count for the current one.
 */
export class RateLimiter {
	/** Numbers the windows; a request's slot is the window it was sent in. */
	private epoch = 0;

	/**
	 * The lowest `remaining` answered in this window, less one per request that got no answer;
	 * undefined until an answer gives it.
	 */
	private left: number | undefined;

	/** The lowest `remaining` answered in this window. */
	private lowestSeen = 0;

	/** The highest `remaining` that a later answer from this same window could still show. */
	private ceiling = 0;

	private windowEndsAt: number | undefined;

	/** Requests sent in this window while its numbers were unknown. */
	private burstSent = 0;

	/** The limit from the last `x-ratelimit-limit` header seen. */
	private limit = DEFAULT_LIMIT;

	/** Whether any answer has carried the rate-limit numbers. */
	private numbersSeen = false;

	/**
	 * The share of the limit a burst may take: halved after a window with a 429 (another client
	 * on the key, or a window that is not what it seemed), doubled back after a window without.
	 */
	private burstShare = SLOWDOWN_RATIO;

	private rejectedInWindow = false;

	private pausedUntil = 0;

	/** Requests sent and not settled, of every window. */
	private active = 0;

	/** Requests sent in the current window and not settled. */
	private activeInWindow = 0;

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

	/**
	 * What the current window can still take as far as known, requests in flight deducted;
	 * undefined while its numbers are unknown.
	 */
	get remaining(): number | undefined {
		return this.left === undefined ? undefined : Math.max(0, this.left - this.activeInWindow);
	}

	/**
	 * Resolves with a slot once a request may go out; pass the slot to `settle` when it has ended.
	 * Rejects with an AbortError, without taking a slot, if `signal` aborts first.
	 */
	acquire(signal?: AbortSignal): Promise<number> {
		return new Promise<number>((resolve, reject) => {
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

	/**
	 * Records what a finished request taught us. `headers` is undefined when no answer came, or
	 * when the request was not sent after all.
	 */
	settle(slot: number, headers?: Record<string, unknown>): void {
		this.active = Math.max(0, this.active - 1);
		const now = Date.now();
		this.expire(now);
		if (slot !== this.epoch) {
			// Sent in a window that is over: it says nothing about this one.
			this.pumpSoon();
			return;
		}
		this.activeInWindow = Math.max(0, this.activeInWindow - 1);
		const limit = toCount(headers?.['x-ratelimit-limit']);
		if (limit) this.limit = limit;
		const remaining = toCount(headers?.['x-ratelimit-remaining']);
		if (remaining !== undefined) this.numbersSeen = true;
		if (this.left === undefined) {
			if (remaining !== undefined) this.open(remaining, now);
			// Nothing learned and nothing out: the next requests may try again.
			else if (this.activeInWindow === 0) this.burstSent = 0;
		} else {
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
			if (this.activeInWindow === 0 && this.left !== undefined) this.ceiling = this.lowestSeen - 1;
		}
		this.pumpSoon();
	}

	/** A 429 means the window is used up: wait for it to end. Returns the pause in ms. */
	rejected(attempt: number): number {
		const now = Date.now();
		this.expire(now);
		if (this.left !== undefined) this.left = 0;
		if (!this.rejectedInWindow) this.burstShare /= 2;
		this.rejectedInWindow = true;
		const windowEnd = this.windowEndsAt ?? now + this.windowMs;
		const backoff = Math.min(this.windowMs, 1000 * 2 ** attempt);
		const pause = Math.max(windowEnd - now, backoff);
		this.pausedUntil = Math.max(this.pausedUntil, now + pause);
		this.pumpSoon();
		return pause;
	}

	private budget(): number {
		const slots = this.maxInFlight - this.active;
		if (this.left === undefined) {
			// Until an answer has shown the numbers, one request at a time.
			if (!this.numbersSeen) return this.active === 0 ? 1 : 0;
			const burst = Math.max(1, Math.floor(this.burstShare * this.limit));
			// Requests of an earlier window still out may have been counted in this one.
			const earlier = this.active - this.activeInWindow;
			return Math.min(slots, burst - this.burstSent - earlier);
		}
		const left = this.left - this.activeInWindow;
		const used = this.limit - left;
		const slowdownAt = Math.floor(SLOWDOWN_RATIO * this.limit);
		if (used < slowdownAt) return Math.min(slots, left, slowdownAt - used);
		// Past the slow-down Propexo holds every answer back: only a few go out at a time, so that
		// held requests do not pile up.
		return Math.min(slots, left, SLOWED_IN_FLIGHT - this.activeInWindow);
	}

	private open(remaining: number, now: number): void {
		this.left = remaining;
		this.lowestSeen = remaining;
		// Requests of this window still unanswered may have been counted before this one.
		this.ceiling = remaining + this.activeInWindow;
		// This request was counted in this window before its answer arrived.
		this.windowEndsAt = now + this.windowMs;
	}

	private forget(): void {
		if (!this.rejectedInWindow) this.burstShare = Math.min(SLOWDOWN_RATIO, this.burstShare * 2);
		this.rejectedInWindow = false;
		this.epoch++;
		this.left = undefined;
		this.windowEndsAt = undefined;
		this.burstSent = 0;
		this.activeInWindow = 0;
	}

	private expire(now: number): void {
		if (this.windowEndsAt !== undefined && now >= this.windowEndsAt) this.forget();
	}

	private pump(): void {
		const now = Date.now();
		this.expire(now);
		let budget = now < this.pausedUntil ? 0 : this.budget();
		for (const waiter of this.waiters) {
			if (budget-- <= 0) break;
			this.waiters.delete(waiter);
			this.unwatch(waiter);
			if (this.left === undefined) this.burstSent++;
			this.active++;
			this.activeInWindow++;
			waiter.grant(this.epoch);
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
