/**
 * `npx tsx bench/run.ts --charges [--charge-count N]`: N charges (default 1,000) for one property
 * through n8n-core's engine, side by side: the Charge node's Create (one request per charge), its
 * Create in Batch (default batch size 50), and n8n's HTTP Request node posting single charges with
 * batching tuned to the limit. Same emulator, rate limit and latency as the payment bench; prints
 * requests sent, wall time, 429s, duplicates and lost charges for each.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startEmulator, type Emulator, type RecordedRequest } from '../test/emulator';
import { BATCH_URL, CHARGE_URL } from '../test/harness/chargeWorkflow';
import {
	CHARGE_LABELS,
	CHARGE_VARIANTS,
	type ChargeArgs,
	type ChargeResult,
	type ChargeVariant,
} from './charge-variant';
import {
	LATENCY_MS,
	LIMIT,
	RESULT_MARKER,
	SLOWDOWN_MS,
	SLOWDOWN_RATIO,
	WINDOW_MS,
} from './protocol';

const ROOT = path.resolve(__dirname, '..');

export interface ChargeRow {
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

async function child(args: ChargeArgs): Promise<ChargeResult> {
	const result = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.join(__dirname, 'charge-variant.ts'), JSON.stringify(args)],
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
	return JSON.parse(line.slice(RESULT_MARKER.length)) as ChargeResult;
}

async function measure(
	emulator: Emulator,
	doneAt: WeakMap<RecordedRequest, number>,
	variant: ChargeVariant,
	count: number,
): Promise<ChargeRow> {
	emulator.reset();
	// Start in a fresh rate-limit window.
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
	const prefix = `BENCH-${variant}-${count}-${Date.now().toString(36)}`;
	const result = await child({ variant, count, url: emulator.url, token: emulator.token, prefix });
	const posts = emulator.requests.filter(
		(request) =>
			request.method === 'POST' && (request.path === CHARGE_URL || request.path === BATCH_URL),
	);
	const first = Math.min(...posts.map((request) => request.at));
	const last = Math.max(...posts.map((request) => doneAt.get(request) ?? request.at));
	const references = emulator.chargeLedger
		.map((entry) => String(entry.charge.reference_number))
		.filter((reference) => reference.startsWith(`${prefix}-`));
	const unique = new Set(references);
	return {
		variant,
		count,
		requests: posts.length,
		tooMany: posts.filter((request) => request.status === 429).length,
		nodeMs: result.nodeMs,
		wallMs: posts.length ? last - first : 0,
		recorded: unique.size,
		duplicates: references.length - unique.size,
		lost: count - unique.size,
		errorItems: result.errorItems,
		runError: result.runError,
	};
}

export function chargeTable(rows: ChargeRow[]): string[] {
	const header = [
		'Variant',
		'Charges',
		'Requests sent',
		'429s',
		'Node time',
		'Wall time (first request → last answer)',
		'Recorded',
		'Duplicates',
		'Lost',
	];
	const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
	const lines = rows.map((row) =>
		[
			CHARGE_LABELS[row.variant],
			row.count.toLocaleString('en-US'),
			row.requests.toLocaleString('en-US'),
			String(row.tooMany),
			s(row.nodeMs),
			s(row.wallMs),
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

export async function runChargeBench(
	count: number,
	variants = CHARGE_VARIANTS,
): Promise<ChargeRow[]> {
	const log = (message: string) => process.stdout.write(`[bench:charges] ${message}\n`);
	log(
		`${count} charges for one property; rate limit ${LIMIT} / ${WINDOW_MS / 1000} s; ` +
			`load average ${os
				.loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}; ${os.cpus().length} CPUs`,
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
	const rows: ChargeRow[] = [];
	try {
		for (const variant of variants) {
			const row = await measure(emulator, doneAt, variant, count);
			rows.push(row);
			log(JSON.stringify(row));
		}
	} finally {
		await emulator.close();
	}
	for (const line of chargeTable(rows)) process.stdout.write(`${line}\n`);
	log(
		`load average after ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
	);
	return rows;
}
