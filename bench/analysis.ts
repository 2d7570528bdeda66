/**
 * What the emulator saw during one measured run: when requests arrived and ended, how many were
 * in flight, how full the rate-limit window was, 429s, duplicates and lost payments.
 */
import type { LedgerEntry, RecordedRequest } from '../test/emulator';
import { LATENCY_MS, LIMIT, SLOWDOWN_MS, SLOWDOWN_RATIO, WINDOW_MS } from './protocol';

/** Window use below this share counts as "far from 80 %", at or above NEAR as at the slow-down. */
export const FAR = 0.5;
export const NEAR = 0.8;

/**
 * The least time the limit allows for N requests, from the first request's arrival to the last
 * answer: fixed windows start at a window's first request, so ceil(N / L) - 1 full windows, then
 * the last batch sent all at once. That batch takes as long as its slowest answer: with k requests
 * of uniformly random latency in [a, b] the slowest takes a + (b - a)·k / (k + 1) on average,
 * plus the slow-down if the batch goes past 80 % of the limit.
 */
export function minimumMs(count: number): number {
	const fullWindows = Math.ceil(count / LIMIT) - 1;
	const lastBatch = count - fullWindows * LIMIT;
	const [low, high] = LATENCY_MS;
	const slowest = low + ((high - low) * lastBatch) / (lastBatch + 1);
	const slowed = lastBatch > SLOWDOWN_RATIO * LIMIT;
	return fullWindows * WINDOW_MS + slowest + (slowed ? SLOWDOWN_MS : 0);
}

export interface InFlightStats {
	/** Requests arriving in this band of window use. */
	requests: number;
	mean: number;
	max: number;
}

export interface Traffic {
	requests: number;
	/** API requests answered 429. */
	rateLimited: number;
	firstAt?: number;
	/** When the last answer left the emulator. */
	lastDoneAt?: number;
	/** The most requests the emulator had open at once. */
	maxInFlight: number;
	/** In flight when a request arrived, by how full its window was. */
	far: InFlightStats;
	near: InFlightStats;
	/** Mean in flight at arrival by window use: 0-10 %, 10-20 %, ..., 90-100 % (undefined: none). */
	profile: Array<number | undefined>;
	/** Payment reference numbers recorded more than once. */
	duplicates: number;
	/** Reference numbers in the ledger. */
	recorded: Set<string>;
}

function stats(samples: number[]): InFlightStats {
	if (!samples.length) return { requests: 0, mean: 0, max: 0 };
	const sum = samples.reduce((total, value) => total + value, 0);
	return { requests: samples.length, mean: sum / samples.length, max: Math.max(...samples) };
}

/**
 * `doneAt` holds when the emulator finished each request (its onRequest callback). Windows are
 * rebuilt from arrival times with the emulator's rule (a window starts at the first counted
 * request after the last one ended; 429s are not counted); the emulator decides after its latency,
 * so a request near a window's edge may be put in the other window here.
 */
export function analyse(
	requests: RecordedRequest[],
	ledger: LedgerEntry[],
	doneAt: WeakMap<RecordedRequest, number>,
): Traffic {
	const api = [...requests].sort((a, b) => a.at - b.at || a.id - b.id);
	const ends = api.map((request) => doneAt.get(request) ?? request.at).sort((a, b) => a - b);
	const far: number[] = [];
	const near: number[] = [];
	const bands: number[][] = Array.from({ length: 10 }, () => []);
	let maxInFlight = 0;
	let ended = 0;
	let windowStart = -Infinity;
	let used = 0;
	for (const [index, request] of api.entries()) {
		while (ended < ends.length && ends[ended] <= request.at) ended++;
		const inFlight = index + 1 - ended;
		maxInFlight = Math.max(maxInFlight, inFlight);
		if (request.at - windowStart >= WINDOW_MS) {
			windowStart = request.at;
			used = 0;
		}
		const share = used / LIMIT;
		if (share < FAR) far.push(inFlight);
		else if (share >= NEAR) near.push(inFlight);
		bands[Math.min(9, Math.floor(share * 10))].push(inFlight);
		if (request.status !== 429) used++;
	}
	const counts = new Map<string, number>();
	for (const entry of ledger) {
		const reference = String(entry.payment.reference_number);
		counts.set(reference, (counts.get(reference) ?? 0) + 1);
	}
	return {
		requests: api.length,
		rateLimited: api.filter((request) => request.status === 429).length,
		firstAt: api[0]?.at,
		lastDoneAt: ends.at(-1),
		maxInFlight,
		far: stats(far),
		near: stats(near),
		profile: bands.map((band) => (band.length ? stats(band).mean : undefined)),
		duplicates: [...counts.values()].filter((times) => times > 1).length,
		recorded: new Set(counts.keys()),
	};
}

/** Item numbers (0-based) a stopped run of this node listed as not sent or of unknown outcome. */
export interface StopAccount {
	notSent: number[];
	unknown: number[];
	/** Refused by Propexo or invalid: returned with an error in the account. */
	refused: number[];
}

/** "3, 5, 7–12" → [3, 5, 7, 8, 9, 10, 11, 12]. */
function itemNumbers(list: string): number[] {
	return list.split(',').flatMap((part) => {
		const [from, to] = part.trim().split('–').map(Number);
		if (!Number.isInteger(from)) return [];
		return Array.from(
			{ length: (Number.isInteger(to) ? to : from) - from + 1 },
			(_, i) => from + i,
		);
	});
}

/**
 * Reads the account this node appends to the error that stops a run ("What happened to the N items
 * of this run: • Posted … • Outcome unknown … • Not sent …"); undefined when there is none (e.g.
 * the HTTP Request node).
 */
export function parseStopAccount(description: string | undefined): StopAccount | undefined {
	if (!description || !/What happened to the \d+ items of this run/.test(description)) {
		return undefined;
	}
	const account: StopAccount = { notSent: [], unknown: [], refused: [] };
	for (const line of description.split('\n')) {
		if (!line.startsWith('• ') || line.startsWith('• Posted') || line.startsWith('• Already')) {
			continue;
		}
		const listed = [...line.matchAll(/item (\d+):/g)].map((match) => Number(match[1]));
		const range = /\(items ([\d, –]+)\)/.exec(line);
		if (range) listed.push(...itemNumbers(range[1]));
		if (line.startsWith('• Outcome unknown')) account.unknown.push(...listed);
		else if (line.startsWith('• Not sent') || line.startsWith('• Invalid')) {
			account.notSent.push(...listed);
		} else account.refused.push(...listed);
	}
	return account;
}
