/** One measured run of one payment variant in one mode, as a row of the bench's table. */
import os from 'node:os';

import { SEED, type Emulator } from '../test/emulator';
import { analyse, minimumMs, parseStopAccount, type InFlightStats } from './analysis';
import { RATE_LIMIT, type BenchEmulator } from './emulator';
import { runEngine, runInN8n } from './execute';
import type { N8nBench } from './n8n';
import { shape, type Options } from './options';
import { READ_RECORDS, type Mode, type Variant } from './protocol';
import { benchPayment } from './workflows';

/** One measured run of one variant in one mode. */
export interface Row {
	run: number;
	mode: Mode;
	variant: Variant;
	/** Payments per execution; for Get Many, the records read. */
	count: number;
	executions: number;
	/** The node's execution time (the longest, when two executions ran). */
	nodeMs?: number;
	/** From the node's start (the earliest) to the first request the emulator received. */
	firstRequestAfterMs?: number;
	/** From the first request's arrival to the last answer. */
	spanMs?: number;
	/** The least time the limit allows for the payments posted (none for reads or Validate Only). */
	minimumMs?: number;
	requests: number;
	rateLimited: number;
	duplicates: number;
	lost?: number;
	reportedFailed: number;
	runError?: string;
	/** This node's account of a stopped run: items not sent, and of unknown outcome. */
	stopAccount?: { notSent: number; unknown: number; unknownRecorded: number };
	outputItems: number;
	peakRssKb?: number;
	startRssKb?: number;
	maxInFlight: number;
	far: InFlightStats;
	near: InFlightStats;
	/** Mean in flight at arrival by window use, in tenths. */
	profile: Array<number | undefined>;
	loadAverage: number;
}

export function load(): number {
	return os.loadavg()[0];
}

/**
 * Get Many reads every payment of the primary integration: the seeded ones, topped up to
 * READ_RECORDS by posting payments through the API with the rate limit off.
 */
async function seedReads(emulator: Emulator): Promise<void> {
	emulator.reset();
	emulator.setRateLimit(false);
	const missing = READ_RECORDS - SEED.paymentCount(SEED.primaryIntegrationId);
	const prefix = `SEED-${Date.now().toString(36)}`;
	let next = 0;
	const post = async () => {
		while (next < missing) {
			const body = JSON.stringify(benchPayment(`${prefix}-${next++}`));
			const response = await fetch(`${emulator.url}/v1/resident-payments/resman/`, {
				method: 'POST',
				headers: { authorization: `Bearer ${emulator.token}`, 'content-type': 'application/json' },
				body,
			});
			if (!response.ok) throw new Error(`seeding: ${response.status} ${await response.text()}`);
		}
	};
	await Promise.all(Array.from({ length: 64 }, post));
	const check = await fetch(
		`${emulator.url}/v1/resident-payments/?integration_id=${SEED.primaryIntegrationId}&limit=1`,
		{ headers: { authorization: `Bearer ${emulator.token}` } },
	);
	const total = ((await check.json()) as { meta: { total: number } }).meta.total;
	if (total !== READ_RECORDS) throw new Error(`seeding: ${total} payments, not ${READ_RECORDS}`);
	// Keep the records; forget the traffic, and start the rate limit afresh.
	emulator.requests.length = 0;
	emulator.ledger.length = 0;
	emulator.setRateLimit(RATE_LIMIT);
}

export async function measure(
	{ emulator, doneAt }: BenchEmulator,
	bench: N8nBench | undefined,
	run: number,
	mode: Mode,
	variant: Variant,
	size: number,
	options: Options,
): Promise<Row> {
	const { count, executions } = shape(variant, size, options);
	if (variant === 'get-many') await seedReads(emulator);
	else emulator.reset();
	const results =
		mode === 'engine'
			? await runEngine(emulator, variant, count, executions)
			: await runInN8n(bench!, variant, count, executions);
	const traffic = analyse(emulator.requests, emulator.ledger, doneAt);
	const reported = new Set(results.flatMap((result) => result.reportedFailures));
	// Lost: an input payment neither recorded, nor returned as an error item, nor named in the
	// account this node gives when it stops a run (the HTTP Request node gives none).
	let lost: number | undefined = 0;
	let stopAccount: Row['stopAccount'];
	for (const result of results) {
		// Validate Only sends nothing: anything sent shows under requests.
		if (variant === 'validate-only' || variant === 'get-many') continue;
		if (!result.references) {
			lost = undefined;
			continue;
		}
		const account = parseStopAccount(result.runErrorDescription);
		const accounted = new Set(
			[...(account?.notSent ?? []), ...(account?.unknown ?? []), ...(account?.refused ?? [])].map(
				(index) => result.references![index],
			),
		);
		if (account) {
			const unknown = account.unknown.map((index) => result.references![index]);
			stopAccount = {
				notSent: (stopAccount?.notSent ?? 0) + account.notSent.length,
				unknown: (stopAccount?.unknown ?? 0) + unknown.length,
				unknownRecorded:
					(stopAccount?.unknownRecorded ?? 0) +
					unknown.filter((reference) => traffic.recorded.has(reference)).length,
			};
		}
		for (const reference of result.references) {
			if (traffic.recorded.has(reference) || reported.has(reference)) continue;
			if (!accounted.has(reference) && lost !== undefined) lost++;
		}
	}
	const starts = results.map((result) => result.nodeStartedAt).filter((at) => at !== undefined);
	const times = results.map((result) => result.nodeMs).filter((ms) => ms !== undefined);
	const rss = results.map((result) => result.peakRssKb).filter((kb) => kb !== undefined);
	const startRss = results.map((result) => result.startRssKb).filter((kb) => kb !== undefined);
	const posts = variant !== 'get-many' && variant !== 'validate-only';
	return {
		run,
		mode,
		variant,
		count,
		executions,
		nodeMs: times.length === executions ? Math.max(...times) : undefined,
		firstRequestAfterMs:
			starts.length && traffic.firstAt !== undefined
				? traffic.firstAt - Math.min(...starts)
				: undefined,
		spanMs:
			traffic.firstAt !== undefined && traffic.lastDoneAt !== undefined
				? traffic.lastDoneAt - traffic.firstAt
				: undefined,
		minimumMs: posts ? minimumMs(count * executions) : undefined,
		requests: traffic.requests,
		rateLimited: traffic.rateLimited,
		duplicates: traffic.duplicates,
		lost,
		reportedFailed: reported.size,
		runError: results.find((result) => result.runError)?.runError,
		stopAccount,
		outputItems: results.reduce((sum, result) => sum + result.outputItems, 0),
		// Two processes: the larger of the two; one process: its own.
		peakRssKb: rss.length ? Math.max(...rss) : undefined,
		startRssKb: startRss.length ? Math.max(...startRss) : undefined,
		maxInFlight: traffic.maxInFlight,
		far: traffic.far,
		near: traffic.near,
		profile: traffic.profile,
		loadAverage: load(),
	};
}
