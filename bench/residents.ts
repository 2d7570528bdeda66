/**
 * `npx tsx bench/run.ts --residents [--resident-count N] [--runs R]`: N payments (default 1,000)
 * for the residents of one property through n8n-core's engine, the Resident given By ID (no
 * lookup) and by each lookup mode. Same emulator, scaled rate limit and latency as the payment
 * bench; prints for each the payment POSTs, the resident lookup requests, the time from the first
 * lookup request to its last answer, node time, 429s, duplicates and lost payments.
 */
import os from 'node:os';

import { paymentPosts } from '../test/harness/paymentWorkflow';
import { recordedOf, spanMs, type BenchEmulator } from './emulator';
import { runEngineBench, runVariant } from './engine-bench';
import { compactTable } from './format';
import { LIMIT, WINDOW_MS } from './protocol';
import { RESIDENT_LABELS, RESIDENT_VARIANTS, type ResidentVariant } from './resident-variant';

const RESIDENTS_URL = '/v1/residents/';

export interface ResidentRow {
	run: number;
	variant: ResidentVariant;
	count: number;
	posts: number;
	lookups: number;
	lookupMs: number;
	tooMany: number;
	nodeMs: number;
	recorded: number;
	duplicates: number;
	lost: number;
	runError?: string;
}

async function measure(
	bench: BenchEmulator,
	variant: ResidentVariant,
	count: number,
	run: number,
): Promise<ResidentRow> {
	const { prefix, result } = await runVariant(bench, 'resident-variant.ts', variant, count);
	const { emulator, doneAt } = bench;
	const posts = paymentPosts(emulator);
	const lookups = emulator.requests.filter((r) => r.method === 'GET' && r.path === RESIDENTS_URL);
	const references = emulator.ledger.map((entry) => String(entry.payment.reference_number));
	return {
		run,
		variant,
		count,
		posts: posts.length,
		lookups: lookups.length,
		lookupMs: spanMs(lookups, doneAt),
		tooMany: emulator.requests.filter((request) => request.status === 429).length,
		nodeMs: result.nodeMs,
		...recordedOf(references, prefix, count),
		runError: result.runError,
	};
}

export function residentTable(rows: ResidentRow[]): string[] {
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	return compactTable(
		[
			'Run',
			'Resident given',
			'Payments',
			'Lookup requests',
			'Lookup time',
			'Payment POSTs',
			'429s',
			'Node time',
			'Recorded',
			'Duplicates',
			'Lost',
		],
		rows.map((row) => [
			String(row.run),
			RESIDENT_LABELS[row.variant],
			row.count.toLocaleString('en-US'),
			String(row.lookups),
			s(row.lookupMs),
			row.posts.toLocaleString('en-US'),
			String(row.tooMany),
			s(row.nodeMs),
			row.recorded.toLocaleString('en-US'),
			String(row.duplicates),
			String(row.lost) + (row.runError ? ` (stopped: ${row.runError})` : ''),
		]),
	);
}

export function runResidentBench(
	count: number,
	runs: number,
	variants = RESIDENT_VARIANTS,
): Promise<ResidentRow[]> {
	return runEngineBench({
		name: 'residents',
		intro: (load) =>
			`${count} payments for one property's residents; rate limit ${LIMIT} / ${WINDOW_MS / 1000} s; ` +
			`${runs} run(s); load average ${load}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model}); Node ${process.version}`,
		variants,
		runs,
		measure: (bench, variant, run) => measure(bench, variant, count, run),
		table: residentTable,
	});
}
