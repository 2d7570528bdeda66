/**
 * `npx tsx bench/run.ts --charges [--charge-count N] [--runs R]`: N charges (default 1,000) for
 * one property through n8n-core's engine, side by side: the Charge node's Create (one request per
 * charge), its Create in Batch (default batch size 50), and n8n's HTTP Request node posting single
 * charges with batching tuned to the limit. Same emulator, rate limit and latency as the payment
 * bench; prints requests sent, wall time, 429s, duplicates and lost charges for each.
 */
import os from 'node:os';

import { BATCH_URL, CHARGE_URL } from '../test/harness/chargeWorkflow';
import { CHARGE_LABELS, CHARGE_VARIANTS, type ChargeVariant } from './charge-variant';
import { recordedOf, spanMs, type BenchEmulator } from './emulator';
import { runEngineBench, runVariant } from './engine-bench';
import { compactTable } from './format';
import { LIMIT, WINDOW_MS } from './protocol';

export interface ChargeRow {
	run: number;
	variant: ChargeVariant;
	count: number;
	requests: number;
	tooMany: number;
	/** From the node's start to its end, as the engine timed it. */
	nodeMs: number;
	/** From the first request's arrival to the last answer. */
	wallMs: number;
	recorded: number;
	duplicates: number;
	lost: number;
	errorItems: number;
	runError?: string;
}

async function measure(
	bench: BenchEmulator,
	variant: ChargeVariant,
	count: number,
	run: number,
): Promise<ChargeRow> {
	const { prefix, result } = await runVariant(bench, 'charge-variant.ts', variant, count);
	const { emulator, doneAt } = bench;
	const posts = emulator.requests.filter(
		(request) =>
			request.method === 'POST' && (request.path === CHARGE_URL || request.path === BATCH_URL),
	);
	const references = emulator.chargeLedger.map((entry) => String(entry.charge.reference_number));
	return {
		run,
		variant,
		count,
		requests: posts.length,
		tooMany: posts.filter((request) => request.status === 429).length,
		nodeMs: result.nodeMs,
		wallMs: spanMs(posts, doneAt),
		...recordedOf(references, prefix, count),
		errorItems: result.errorItems,
		runError: result.runError,
	};
}

export function chargeTable(rows: ChargeRow[]): string[] {
	const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	return compactTable(
		[
			'Run',
			'Variant',
			'Charges',
			'Requests sent',
			'429s',
			'Node time',
			'Wall time (first request → last answer)',
			'Recorded',
			'Duplicates',
			'Lost',
		],
		rows.map((row) => [
			String(row.run),
			CHARGE_LABELS[row.variant],
			row.count.toLocaleString('en-US'),
			row.requests.toLocaleString('en-US'),
			String(row.tooMany),
			s(row.nodeMs),
			s(row.wallMs),
			row.recorded.toLocaleString('en-US'),
			String(row.duplicates),
			String(row.lost) + (row.runError ? ` (stopped: ${row.runError})` : ''),
		]),
	);
}

export function runChargeBench(
	count: number,
	runs: number,
	variants = CHARGE_VARIANTS,
): Promise<ChargeRow[]> {
	return runEngineBench({
		name: 'charges',
		intro: (load) =>
			`${count} charges for one property; rate limit ${LIMIT} / ${WINDOW_MS / 1000} s; ` +
			`${runs} run(s); load average ${load}; ${os.cpus().length} CPUs`,
		variants,
		runs,
		measure: (bench, variant, run) => measure(bench, variant, count, run),
		table: chargeTable,
	});
}
