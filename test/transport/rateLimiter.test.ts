import { RateLimiter, getRateLimiter } from '../../nodes/shared/transport/rateLimiter';
import type { RateDecision } from '../emulator/rate-limit';
import { RateLimiter as FixedWindow } from '../emulator/rate-limit';

const START = Date.UTC(2025, 0, 1);

beforeEach(() => {
	jest.useFakeTimers();
	jest.setSystemTime(START);
});
afterEach(() => {
	jest.clearAllTimers();
	jest.useRealTimers();
});

function headers(remaining: number, limit = 150) {
	return { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(remaining) };
}

/** Callers waiting in `acquire`, each recording when it got its slot. */
function callers(limiter: RateLimiter, count: number, signal?: AbortSignal) {
	const granted: number[] = [];
	const failed: unknown[] = [];
	for (let n = 0; n < count; n++) {
		limiter.acquire(signal).then(
			() => granted.push(Date.now()),
			(error) => failed.push(error),
		);
	}
	return { granted, failed };
}

/**
 * A limiter that has seen Propexo's numbers once (a request answered with 149 left) and whose
 * window is over: the next window is unknown, and its requests get slot 1.
 */
async function learned(windowMs: number): Promise<RateLimiter> {
	const limiter = new RateLimiter(windowMs);
	void limiter.acquire();
	await flush();
	limiter.settle(0, headers(149));
	await jest.advanceTimersByTimeAsync(windowMs);
	return limiter;
}

/**
 * 400 callers on a learned 60 s window that Propexo limits to 150, the first request answered: the
 * rest of the window is on its way, and the server answers each as the test says.
 */
async function firstAnswered() {
	const limiter = await learned(60_000);
	const { granted } = callers(limiter, 400);
	const server = new ScriptedWindow(limiter, 150, 1);
	await flush();
	server.answerFirst();
	await flush();
	return { limiter, granted, server };
}

/** Lets the promise callbacks of granted or rejected callers run. */
async function flush() {
	await jest.advanceTimersByTimeAsync(0);
}

describe('rate limiter', () => {
	it('opens an unknown window with a burst of 80 % of the limit, then paces by the answers', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 200);
		await flush();
		expect(granted).toHaveLength(120);
		expect(limiter.inFlight).toBe(120);
		expect(limiter.remaining).toBeUndefined();

		// The window was fresh: the burst's answers count down from 149 in any order.
		for (let n = 0; n < 120; n++) {
			limiter.settle(1, headers(149 - ((n * 7) % 120)));
			await flush();
			// Past the slow-down (80 %) at most 8 of the window are in flight.
			expect(limiter.inFlight).toBe(Math.max(119 - n, Math.min(8, 30)));
		}
		expect(granted).toHaveLength(128);
		for (let n = 0; n < 30; n++) {
			limiter.settle(1, headers(29 - n));
			await flush();
			expect(limiter.inFlight).toBeLessThanOrEqual(8);
		}
		expect(granted).toHaveLength(150);
		expect(limiter.remaining).toBe(0);
		expect(limiter.waiting).toBe(50);
	});

	it('sends one request at a time until an answer shows the numbers, then bursts 80 % of the limit', async () => {
		const limiter = new RateLimiter(1000);
		const { granted } = callers(limiter, 100);
		await flush();
		expect(granted).toHaveLength(1);
		// An answer without the headers teaches nothing: the next request goes alone too.
		limiter.settle(0);
		await flush();
		expect(granted).toHaveLength(2);
		limiter.settle(0, headers(9, 10));
		await flush();
		// Up to the slow-down (8 of 10) at once, then the rest.
		expect(granted).toHaveLength(9);
		for (let n = 0; n < 7; n++) limiter.settle(0, headers(8 - n, 10));
		await flush();
		expect(granted).toHaveLength(11);
		limiter.settle(0, headers(1, 10));
		limiter.settle(0, headers(0, 10));
		await jest.advanceTimersByTimeAsync(1000);
		expect(granted).toHaveLength(11 + 8);
	});

	it('never lets more go out than the window has left', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 200);
		await flush();
		// Another client had used most of the window: 20 left after the first answer.
		limiter.settle(1, headers(20));
		await flush();
		expect(granted).toHaveLength(120);
		// The other 119 may all have been counted: nothing more until they answer.
		for (let n = 0; n < 100; n++) limiter.settle(1, headers(19 - Math.min(19, n)));
		await flush();
		expect(granted).toHaveLength(120);
		for (let n = 0; n < 19; n++) limiter.settle(1, headers(0));
		await flush();
		expect(limiter.remaining).toBe(0);
		expect(limiter.inFlight).toBe(0);
		expect(granted).toHaveLength(120);
	});

	it('waits for the window to end when nothing is left, then opens the next with a burst', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 300);
		await flush();
		jest.advanceTimersByTime(200);
		limiter.settle(1, headers(30));
		const windowEnd = Date.now() + 60_000;
		for (let n = 0; n < 119; n++) limiter.settle(1, headers(0));
		await flush();
		expect(granted).toHaveLength(120);

		await jest.advanceTimersByTimeAsync(windowEnd - 1 - Date.now());
		expect(granted).toHaveLength(120);
		await jest.advanceTimersByTimeAsync(1);
		expect(granted).toHaveLength(240);
		expect(granted[239]).toBe(windowEnd);
		expect(limiter.remaining).toBeUndefined();
	});

	it('does not count answers from an ended window, and deducts what is still out of it', async () => {
		const limiter = await learned(1000);
		const first = callers(limiter, 10);
		await flush();
		limiter.settle(1, headers(149));
		await flush();
		expect(first.granted).toHaveLength(10);

		await jest.advanceTimersByTimeAsync(1000);
		const later = callers(limiter, 200);
		await flush();
		// Nine of the old window are still out: they may have been counted in the new one.
		expect(later.granted).toHaveLength(111);
		// Old answers say nothing about the new window, however little they show left.
		for (let n = 0; n < 9; n++) limiter.settle(1, headers(0));
		await flush();
		expect(later.granted).toHaveLength(120);
		expect(limiter.remaining).toBeUndefined();
		limiter.settle(2, headers(100));
		await flush();
		// The other 119 of the burst may have been counted since.
		expect(limiter.remaining).toBe(0);
		expect(later.granted).toHaveLength(120);
	});

	it('does not take a late answer for a new window, however far it is from the others', async () => {
		const { limiter, granted, server } = await firstAnswered();
		// The answer showing 148 is held up while the rest of the window goes through.
		const late = server.take(0);
		await server.answerAll(() => 0);
		expect(server.overLimit).toBe(0);
		// The late request keeps its slot until it answers.
		expect(granted).toHaveLength(149);
		expect(limiter.remaining).toBe(0);

		limiter.settle(1, headers(late));
		await flush();
		expect(granted).toHaveLength(150);
		expect(limiter.remaining).toBe(0);
	});

	it('does not take answers shuffled among many in flight for a new window', async () => {
		const { limiter, granted, server } = await firstAnswered();
		const random = seeded(7);
		await server.answerAll((count) => Math.floor(random() * count));

		expect(server.overLimit).toBe(0);
		expect(granted).toHaveLength(150);
		expect(limiter.remaining).toBe(0);
	});

	it('opens a new window when an answer shows more left than the window could', async () => {
		const limiter = await learned(60_000);
		const first = callers(limiter, 2);
		await flush();
		// Another client had used part of the window before us.
		limiter.settle(1, headers(60));
		limiter.settle(1, headers(59));
		const rest = callers(limiter, 300);
		await flush();
		// Up to the slow-down: 120 of 150 used.
		expect(rest.granted).toHaveLength(29);
		limiter.settle(1, headers(40));
		limiter.settle(1, headers(149)); // the server's window was reset
		await flush();
		expect(first.granted).toHaveLength(2);
		// The 27 still out may be counted in the new window: the burst leaves room for them.
		expect(limiter.inFlight).toBe(120);
		expect(rest.granted).toHaveLength(29 + 120 - 27);
		expect(limiter.remaining).toBeUndefined();
	});

	it('halves the next burst after a window with a 429, and doubles it back after one without', async () => {
		const limiter = await learned(1000);
		const { granted } = callers(limiter, 1000);
		await flush();
		expect(granted).toHaveLength(120);
		// Another client had used most of the window: the burst meets 429s.
		limiter.settle(1, headers(10));
		for (let n = 0; n < 119; n++) {
			limiter.settle(1, headers(Math.max(0, 9 - n)));
			if (n >= 9) limiter.rejected(0);
		}
		await jest.advanceTimersByTimeAsync(1000);
		expect(granted).toHaveLength(120 + 60);

		// A clean window: every request answered, down to the last one it had room for.
		for (let remaining = 149; limiter.inFlight > 0; remaining--) {
			limiter.settle(2, headers(remaining));
			await flush();
		}
		expect(granted).toHaveLength(120 + 150);
		await jest.advanceTimersByTimeAsync(1000);
		expect(granted.filter((at) => at === Date.now())).toHaveLength(120);
	});

	it('counts a request that got no answer as used', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 200);
		await flush();
		for (let n = 0; n < 120; n++) limiter.settle(1, headers(3));
		await flush();
		expect(granted).toHaveLength(123);
		limiter.settle(1);
		limiter.settle(1);
		limiter.settle(1);
		await flush();
		expect(limiter.remaining).toBe(0);
		expect(granted).toHaveLength(123);
	});

	it('sends the next burst once every request of a window without numbers has ended', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 200);
		await flush();
		for (let n = 0; n < 119; n++) limiter.settle(1);
		await flush();
		expect(granted).toHaveLength(120);
		limiter.settle(1);
		await flush();
		expect(granted).toHaveLength(200);
	});

	it('pauses everyone after a 429 until the window ends, and returns the pause', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 121);
		await flush();
		limiter.settle(1, headers(0));
		expect(limiter.rejected(0)).toBe(60_000);
		for (let n = 0; n < 119; n++) limiter.settle(1, headers(0));

		await jest.advanceTimersByTimeAsync(59_999);
		expect(granted).toHaveLength(120);
		await jest.advanceTimersByTimeAsync(1);
		expect(granted).toHaveLength(121);
	});

	it('after a 429 near the end of the window waits at least the backoff', async () => {
		const limiter = await learned(60_000);
		const { granted } = callers(limiter, 130);
		await flush();
		limiter.settle(1, headers(100));
		await flush();
		await jest.advanceTimersByTimeAsync(59_900);
		// Someone else used up the window: the requests in flight get 429s.
		limiter.settle(1, headers(0));
		expect(limiter.rejected(2)).toBe(4000);
		for (let n = 0; n < 118; n++) limiter.settle(1, headers(0));
		await flush();
		const pausedAt = Date.now();
		await jest.advanceTimersByTimeAsync(3999);
		expect(granted).toHaveLength(120);
		expect(limiter.inFlight).toBe(0);
		await jest.advanceTimersByTimeAsync(pausedAt + 4000 - Date.now());
		expect(limiter.inFlight).toBe(10);
	});

	it('rejects a waiting caller with an AbortError when its signal aborts, without a slot', async () => {
		const limiter = await learned(60_000);
		callers(limiter, 120);
		const controller = new AbortController();
		const aborting = callers(limiter, 3, controller.signal);
		const after = callers(limiter, 1);
		await flush();
		expect(limiter.waiting).toBe(4);

		controller.abort();
		await flush();
		expect(aborting.failed).toHaveLength(3);
		for (const error of aborting.failed) expect((error as Error).name).toBe('AbortError');
		expect(limiter.waiting).toBe(1);
		expect(limiter.inFlight).toBe(120);

		for (let n = 0; n < 120; n++) limiter.settle(1, headers(149 - n));
		await flush();
		expect(after.granted).toHaveLength(1);
		expect(limiter.inFlight).toBe(1);
		await expect(limiter.acquire(controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
		expect(limiter.inFlight).toBe(1);
	});

	it('listens once to a signal that many waiting callers share', async () => {
		const warnings = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
		const limiter = await learned(60_000);
		const controller = new AbortController();
		let listeners = 0;
		let mostListeners = 0;
		const { signal } = controller;
		const add = signal.addEventListener.bind(signal);
		const remove = signal.removeEventListener.bind(signal);
		jest.spyOn(signal, 'addEventListener').mockImplementation((...args) => {
			mostListeners = Math.max(mostListeners, ++listeners);
			add(...args);
		});
		jest.spyOn(signal, 'removeEventListener').mockImplementation((...args) => {
			listeners--;
			remove(...args);
		});
		const { granted, failed } = callers(limiter, 1000, controller.signal);
		await flush();
		expect(granted).toHaveLength(120);

		controller.abort();
		await flush();
		expect(failed).toHaveLength(880);
		expect(limiter.waiting).toBe(0);
		expect(mostListeners).toBe(1);
		expect(warnings).not.toHaveBeenCalled();
		warnings.mockRestore();
	});

	it('lets the caller of settle act on its answer before another request leaves', async () => {
		const limiter = await learned(60_000);
		callers(limiter, 120);
		const controller = new AbortController();
		const rest = callers(limiter, 5, controller.signal);
		await flush();
		// A burst item failed: its caller stops the run right after settling.
		for (let n = 0; n < 120; n++) limiter.settle(1, headers(149 - n));
		controller.abort();
		await flush();
		expect(rest.granted).toHaveLength(0);
		expect(rest.failed).toHaveLength(5);

		// A first answer that is a 429 without headers: the pause comes before the next request.
		const other = await learned(60_000);
		const { granted } = callers(other, 121);
		await flush();
		other.settle(1);
		other.rejected(0);
		for (let n = 0; n < 119; n++) other.settle(1);
		await jest.advanceTimersByTimeAsync(59_999);
		expect(granted).toHaveLength(120);
		await jest.advanceTimersByTimeAsync(1);
		expect(granted).toHaveLength(121);
	});

	it('is shared by every caller with the same key', async () => {
		expect(getRateLimiter('https://api|cred-1', 60_000)).toBe(
			getRateLimiter('https://api|cred-1', 60_000),
		);
		expect(getRateLimiter('https://api|cred-1', 60_000)).not.toBe(
			getRateLimiter('https://api|cred-2', 60_000),
		);

		// Two runs with the same credential together stay within one window's budget.
		const server = fixedWindow({ limit: 150, windowMs: 60_000, slowdownMs: 0 });
		const limiter = getRateLimiter('https://api|shared', 60_000);
		const runs = [
			drive(getRateLimiter('https://api|shared', 60_000), server, 200, 100),
			drive(getRateLimiter('https://api|shared', 60_000), server, 200, 100),
		];
		const [a, b] = await finish(runs);
		expect(a.rejected + b.rejected).toBe(0);
		expect(limiter.inFlight).toBe(0);
		expect(server.counted).toBe(400);
		expect(Date.now() - START).toBeGreaterThanOrEqual(2 * 60_000);
	});
});

describe('rate limiter against a simulated Propexo', () => {
	// The bench's scale: Propexo's limit with a 3 s window and a 100 ms slow-down.
	const bench = { limit: 150, windowMs: 3000, slowdownRatio: 0.8, slowdownMs: 100 };

	it('posts 1,000 through 128 callers with no 429, within 1.05 x the minimum', async () => {
		const server = fixedWindow(bench);
		const limiter = new RateLimiter(bench.windowMs);
		const [result] = await finish([drive(limiter, server, 1000, 128, [20, 50])]);

		expect(result.rejected).toBe(0);
		expect(server.counted).toBe(1000);
		expect(result.elapsed).toBeLessThanOrEqual(1.05 * minimum(1000, bench, 50));
		expect(result.maxInFlight).toBe(120);
	});

	it('posts 1,000 within 1.05 x the minimum at Propexo scale (a minute, 2 s slow-down)', async () => {
		const propexo = { limit: 150, windowMs: 60_000, slowdownRatio: 0.8, slowdownMs: 2000 };
		const server = fixedWindow(propexo);
		const limiter = new RateLimiter(propexo.windowMs);
		const [result] = await finish([drive(limiter, server, 1000, 1000, [100, 600])]);

		expect(result.rejected).toBe(0);
		expect(result.maxInFlight).toBeLessThanOrEqual(128);
		expect(result.elapsed).toBeLessThanOrEqual(1.05 * minimum(1000, propexo, 100));
	});

	it('posts a small run of 100 in two round trips: one request alone, then the rest at once', async () => {
		const server = fixedWindow(bench);
		const limiter = new RateLimiter(bench.windowMs);
		const [result] = await finish([drive(limiter, server, 100, 100, [20, 50])]);

		expect(result.rejected).toBe(0);
		expect(result.maxInFlight).toBe(99);
		// Twice the slowest latency, plus the 5 ms steps in which the test moves time.
		expect(result.elapsed).toBeLessThanOrEqual(2 * (50 + 5));
	});

	it('stays within the limit when another client used part of the first window', async () => {
		const server = fixedWindow(bench);
		// Another client used 100 of the window one second earlier: 50 are left.
		for (let n = 0; n < 100; n++) server.hit(Date.now());
		jest.advanceTimersByTime(1000);
		const limiter = new RateLimiter(bench.windowMs);
		const [result] = await finish([drive(limiter, server, 1000, 128, [20, 50])]);

		expect(result.rejected).toBe(0);
		expect(server.counted).toBe(1100);
	});

	it('sends no storm of 429s when the window slides', async () => {
		const server = slidingWindow(bench);
		const limiter = new RateLimiter(bench.windowMs);
		const [result] = await finish([drive(limiter, server, 1000, 64, [20, 50])]);

		expect(server.counted).toBe(1000);
		// A burst may meet the end of the last window: a few 429s a window at most.
		expect(result.rejected).toBeLessThanOrEqual(2 * Math.ceil(result.elapsed / bench.windowMs));
	});
});

/**
 * One fixed window whose answers the test hands back in any order: each request sent gets the
 * next `remaining` when the limiter lets it go.
 */
class ScriptedWindow {
	/** The `remaining` of each request in flight, in the order they were counted. */
	private readonly pending: number[] = [];

	private counted = 0;

	private held = 0;

	/** Requests counted past the limit: each would have been a 429. */
	overLimit = 0;

	constructor(
		private readonly limiter: RateLimiter,
		private readonly limit: number,
		private readonly slot: number,
	) {}

	/** Answers the request counted first. */
	answerFirst(): void {
		this.count();
		this.answer(0);
	}

	/** Holds the answer of a request back, for the test to give it later. */
	take(index: number): number {
		this.count();
		this.held++;
		return this.pending.splice(index, 1)[0];
	}

	async answerAll(pick: (count: number) => number): Promise<void> {
		this.count();
		while (this.pending.length) {
			this.answer(pick(this.pending.length));
			await flush();
			this.count();
		}
	}

	private answer(index: number): void {
		const [remaining] = this.pending.splice(index, 1);
		this.limiter.settle(this.slot, headers(remaining, this.limit));
	}

	/** Counts the requests the limiter let go since last time. */
	private count(): void {
		while (this.pending.length + this.held < this.limiter.inFlight) {
			const remaining = this.limit - 1 - this.counted++;
			if (remaining < 0) this.overLimit++;
			this.pending.push(Math.max(0, remaining));
		}
	}
}

interface Server {
	counted: number;
	hit(now: number): RateDecision;
}

interface Limits {
	limit: number;
	windowMs: number;
	slowdownRatio?: number;
	slowdownMs: number;
}

/** The emulator's model of Propexo's limit. */
function fixedWindow(limits: Limits): Server {
	const model = new FixedWindow({ slowdownRatio: 0.8, ...limits });
	const server = {
		counted: 0,
		hit(now: number) {
			const decision = model.hit('token', now);
			if (!decision.limited) server.counted++;
			return decision;
		},
	};
	return server;
}

/** The same limit over the last `windowMs` at any moment. */
function slidingWindow(limits: Limits): Server {
	const times: number[] = [];
	const server = {
		counted: 0,
		hit(now: number): RateDecision {
			while (times.length && times[0] <= now - limits.windowMs) times.shift();
			const limited = times.length >= limits.limit;
			if (!limited) {
				times.push(now);
				server.counted++;
			}
			const slow = !limited && times.length > (limits.slowdownRatio ?? 0.8) * limits.limit;
			return {
				limited,
				delayMs: slow ? limits.slowdownMs : 0,
				headers: headers(Math.max(0, limits.limit - times.length), limits.limit),
			};
		},
	};
	return server;
}

/** Like the bench's minimum: full windows, then the last batch in one round trip. */
function minimum(count: number, limits: Limits, latencyMs: number): number {
	const fullWindows = Math.ceil(count / limits.limit) - 1;
	const lastBatch = count - fullWindows * limits.limit;
	const slowed = lastBatch > (limits.slowdownRatio ?? 0.8) * limits.limit;
	return fullWindows * limits.windowMs + latencyMs + (slowed ? limits.slowdownMs : 0);
}

interface RunResult {
	rejected: number;
	maxInFlight: number;
	/** From the first request sent to the last answer. */
	elapsed: number;
}

/** `count` requests sent by `concurrency` callers the way `propexoRequest` sends them. */
async function drive(
	limiter: RateLimiter,
	server: Server,
	count: number,
	concurrency: number,
	latencyMs: [number, number] = [20, 50],
): Promise<RunResult> {
	const random = seeded(count * 31 + concurrency);
	const result = { rejected: 0, maxInFlight: 0, elapsed: 0 };
	let firstAt: number | undefined;
	let lastAt = 0;
	let next = 0;
	const send = async () => {
		for (let attempt = 0; ;) {
			const slot = await limiter.acquire();
			firstAt ??= Date.now();
			result.maxInFlight = Math.max(result.maxInFlight, limiter.inFlight);
			await delay(latencyMs[0] + random() * (latencyMs[1] - latencyMs[0]));
			const decision = server.hit(Date.now());
			if (!decision.limited) await delay(decision.delayMs);
			limiter.settle(slot, decision.headers);
			if (!decision.limited) break;
			result.rejected++;
			limiter.rejected(attempt++);
		}
		lastAt = Date.now();
	};
	const worker = async () => {
		while (next < count) {
			next++;
			await send();
		}
	};
	await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
	result.elapsed = lastAt - (firstAt ?? lastAt);
	return result;
}

/** Runs fake time until every run has finished. */
async function finish<T>(runs: Array<Promise<T>>): Promise<T[]> {
	let done = false;
	const all = Promise.all(runs).finally(() => (done = true));
	while (!done) await jest.advanceTimersByTimeAsync(5);
	return await all;
}

async function delay(ms: number) {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/** A repeatable Math.random (mulberry32). */
function seeded(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
