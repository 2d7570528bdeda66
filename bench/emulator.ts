/** The emulator every bench posts to: Propexo's rate limit scaled down, and its latency. */
import { startEmulator, type Emulator, type RecordedRequest } from '../test/emulator';
import { LATENCY_MS, LIMIT, SLOWDOWN_MS, SLOWDOWN_RATIO, WINDOW_MS } from './protocol';

export const RATE_LIMIT = {
	limit: LIMIT,
	windowMs: WINDOW_MS,
	slowdownRatio: SLOWDOWN_RATIO,
	slowdownMs: SLOWDOWN_MS,
};

export interface BenchEmulator {
	emulator: Emulator;
	/** When each request's answer left the emulator. */
	doneAt: WeakMap<RecordedRequest, number>;
}

export async function startBenchEmulator(port?: number): Promise<BenchEmulator> {
	const doneAt = new WeakMap<RecordedRequest, number>();
	const emulator = await startEmulator({
		port,
		rateLimit: RATE_LIMIT,
		latencyMs: LATENCY_MS,
		// Jobs settle at once, so that payments posted to seed Get Many are listed right away.
		writeStatusDelayMs: 0,
		onRequest: (request) => doneAt.set(request, Date.now()),
	});
	return { emulator, doneAt };
}

/** From the first request's arrival to the last answer; 0 without requests. */
export function spanMs(requests: RecordedRequest[], doneAt: BenchEmulator['doneAt']): number {
	if (!requests.length) return 0;
	const first = Math.min(...requests.map((request) => request.at));
	const last = Math.max(...requests.map((request) => doneAt.get(request) ?? request.at));
	return last - first;
}

/** Of `count` reference numbers `${prefix}-${n}`: how many were recorded, twice, or not at all. */
export function recordedOf(references: string[], prefix: string, count: number) {
	const ours = references.filter((reference) => reference.startsWith(`${prefix}-`));
	const unique = new Set(ours);
	return {
		recorded: unique.size,
		duplicates: ours.length - unique.size,
		lost: count - unique.size,
	};
}
