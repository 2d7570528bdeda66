/**
 * `npx tsx bench/run.ts --residents [--resident-count N] [--runs R]`: N payments (default 1,000)
 * for the residents of one property through n8n-core's engine, the Resident given By ID (no
 * lookup) and by each lookup mode. Same emulator, scaled rate limit and latency as the payment
 * bench; prints for each the payment POSTs, the resident lookup requests, the time from the first
 * lookup request to its last answer, node time, 429s, duplicates and lost payments.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startEmulator, type Emulator, type RecordedRequest } from '../test/emulator';
import {
	RESIDENT_LABELS,
	RESIDENT_VARIANTS,
	type ResidentArgs,
	type ResidentResult,
	type ResidentVariant,
} from './resident-variant';
import {
	LATENCY_MS,
	LIMIT,
	RESULT_MARKER,
	SLOWDOWN_MS,
	SLOWDOWN_RATIO,
	WINDOW_MS,
} from './protocol';

const ROOT = path.resolve(__dirname, '..');
const PAYMENT_URL = '/v1/resident-payments/resman/';
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

async function child(args: ResidentArgs): Promise<ResidentResult> {
	const result = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.join(__dirname, 'resident-variant.ts'), JSON.stringify(args)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			timeout: 20 * 60_000,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		},
	);
	const line = result.stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
	if (!line)
		throw new Error(`${args.variant} printed no result:\n${result.stdout}\n${result.stderr}`);
	return JSON.parse(line.slice(RESULT_MARKER.length)) as ResidentResult;
}

async function measure(
	emulator: Emulator,
	doneAt: WeakMap<RecordedRequest, number>,
	variant: ResidentVariant,
	count: number,
	run: number,
): Promise<ResidentRow> {
	emulator.reset();
	// Start in a fresh rate-limit window.
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
	const prefix = `BENCH-${variant}-${count}-${Date.now().toString(36)}`;
	const result = await child({ variant, count, url: emulator.url, token: emulator.token, prefix });
	const posts = emulator.requests.filter((r) => r.method === 'POST' && r.path === PAYMENT_URL);
	const lookups = emulator.requests.filter((r) => r.method === 'GET' && r.path === RESIDENTS_URL);
	const first = Math.min(...lookups.map((request) => request.at));
	const last = Math.max(...lookups.map((request) => doneAt.get(request) ?? request.at));
	const references = emulator.ledger
		.map((entry) => String(entry.payment.reference_number))
		.filter((reference) => reference.startsWith(`${prefix}-`));
	const unique = new Set(references);
	return {
		run,
		variant,
		count,
		posts: posts.length,
		lookups: lookups.length,
		lookupMs: lookups.length ? last - first : 0,
		tooMany: emulator.requests.filter((request) => request.status === 429).length,
		nodeMs: result.nodeMs,
		recorded: unique.size,
		duplicates: references.length - unique.size,
		lost: count - unique.size,
		runError: result.runError,
	};
}

export function residentTable(rows: ResidentRow[]): string[] {
	const header = [
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
	];
	const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
	const lines = rows.map((row) =>
		[
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
		].join(' | '),
	);
	return [
		`| ${header.join(' | ')} |`,
		`|${header.map(() => ' --- ').join('|')}|`,
		...lines.map((line) => `| ${line} |`),
	];
}

export async function runResidentBench(
	count: number,
	runs: number,
	variants = RESIDENT_VARIANTS,
): Promise<ResidentRow[]> {
	const log = (message: string) => process.stdout.write(`[bench:residents] ${message}\n`);
	const load = () =>
		os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ');
	log(
		`${count} payments for one property's residents; rate limit ${LIMIT} / ${WINDOW_MS / 1000} s; ` +
			`${runs} run(s); load average ${load()}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model}); Node ${process.version}`,
	);
	const doneAt = new WeakMap<RecordedRequest, number>();
	const emulator = await startEmulator({
		rateLimit: {
			limit: LIMIT,
			windowMs: WINDOW_MS,
			slowdownRatio: SLOWDOWN_RATIO,
			slowdownMs: SLOWDOWN_MS,
		},
		latencyMs: LATENCY_MS,
		writeStatusDelayMs: 0,
		onRequest: (request) => doneAt.set(request, Date.now()),
	});
	const rows: ResidentRow[] = [];
	try {
		for (let run = 1; run <= runs; run++) {
			for (const variant of variants) {
				const row = await measure(emulator, doneAt, variant, count, run);
				rows.push(row);
				log(JSON.stringify(row));
			}
		}
	} finally {
		await emulator.close();
	}
	for (const line of residentTable(rows)) process.stdout.write(`${line}\n`);
	log(`load average after ${load()}`);
	return rows;
}
