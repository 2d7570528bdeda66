/**
 * `npm run bench`: posts N payments through n8n's engine against the local emulator under
 * Propexo's rate limit scaled down twenty times (150 requests per 3 s window instead of per 60 s,
 * slow-down 100 ms instead of 2 s above 80 %) with 20-50 ms latency, with the Propexo node and
 * with n8n's HTTP Request node (default settings, then its batching option at 150 items per 3 s).
 * Each run is its own child process; the emulator runs here and counts what arrived.
 *
 * Usage: npm run bench [-- 100 1000]   (after a build: npx tsx bench/run.ts [N ...])
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { startEmulator, type Emulator } from '../test/emulator';
import {
	RESULT_MARKER,
	VARIANTS,
	type Variant,
	type VariantArgs,
	type VariantResult,
} from './protocol';

const LIMIT = 150;
const WINDOW_MS = 3000;
const SLOWDOWN_RATIO = 0.8;
const SLOWDOWN_MS = 100;
const LATENCY_MS: [number, number] = [20, 50];
const DEFAULT_COUNTS = [100, 1000];
const ROOT = path.resolve(__dirname, '..');

const LABELS: Record<Variant, string> = {
	'propexo-node': 'Propexo node',
	'http-request-default': 'HTTP Request, default',
	'http-request-batching': `HTTP Request, batching ${LIMIT} / ${WINDOW_MS / 1000} s`,
};

/**
 * The least time the limit allows for N requests, with fixed windows starting at the first
 * request: ceil(N / L) - 1 full windows, then the last (partial or full) batch sent all at once,
 * which takes one round trip at the minimum latency, plus the slow-down if that batch goes past
 * 80 % of the limit.
 */
function minimumMs(count: number): number {
	const fullWindows = Math.ceil(count / LIMIT) - 1;
	const lastBatch = count - fullWindows * LIMIT;
	const slowed = lastBatch > SLOWDOWN_RATIO * LIMIT;
	return fullWindows * WINDOW_MS + LATENCY_MS[0] + (slowed ? SLOWDOWN_MS : 0);
}

function seconds(ms: number): string {
	return ms < 1000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function mib(kb: number): string {
	return `${Math.round(kb / 1024)} MiB`;
}

async function runVariant(emulator: Emulator, variant: Variant, count: number): Promise<string> {
	// Empty log and ledger, and a fresh rate-limit window, for every run.
	emulator.reset();
	const prefix = `BENCH-${variant}-${count}-${Date.now().toString(36)}`;
	const args: VariantArgs = {
		variant,
		count,
		url: emulator.url,
		token: emulator.token,
		limit: LIMIT,
		windowMs: WINDOW_MS,
		prefix,
	};
	// Asynchronously: the emulator runs in this process and must keep answering.
	const child = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.join(__dirname, 'variant.ts'), JSON.stringify(args)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		},
	);
	const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
	if (!line) throw new Error(`${variant} printed no result:\n${child.stdout}\n${child.stderr}`);
	const result = JSON.parse(line.slice(RESULT_MARKER.length)) as VariantResult;

	const rateLimited = emulator.requests.filter((request) => request.status === 429).length;
	const recorded = new Map<string, number>();
	for (const entry of emulator.ledger) {
		const reference = String(entry.payment.reference_number);
		recorded.set(reference, (recorded.get(reference) ?? 0) + 1);
	}
	const duplicates = [...recorded.values()].filter((times) => times > 1).length;
	const reported = new Set(result.reportedFailures);
	let lost = 0;
	for (let n = 0; n < count; n++) {
		const reference = `${prefix}-${n}`;
		if (!recorded.has(reference) && !reported.has(reference)) lost++;
	}
	const minimum = minimumMs(count);
	const cells = [
		String(count),
		LABELS[variant],
		seconds(result.wallMs),
		emulator.requests.length ? seconds(emulator.requests[0].at - result.startedAt) : '-',
		String(emulator.requests.length),
		String(rateLimited),
		String(duplicates),
		String(lost),
		result.runError ? `${reported.size}, run stopped` : String(reported.size),
		`${mib(result.maxRssKb)} (${mib(result.startRssKb)} before)`,
		seconds(minimum),
		(result.wallMs / minimum).toFixed(2),
	];
	if (result.runError) console.error(`${LABELS[variant]}, N=${count}: ${result.runError}`);
	return `| ${cells.join(' | ')} |`;
}

async function main() {
	const words = process.argv.slice(2);
	const counts = words.map(Number);
	if (counts.some((count) => !Number.isInteger(count) || count < 1)) {
		throw new Error(`Usage: npm run bench [-- N ...] (positive integers), got: ${words.join(' ')}`);
	}
	const emulator = await startEmulator({
		rateLimit: {
			limit: LIMIT,
			windowMs: WINDOW_MS,
			slowdownRatio: SLOWDOWN_RATIO,
			slowdownMs: SLOWDOWN_MS,
		},
		latencyMs: LATENCY_MS,
	});
	const rows: string[] = [];
	try {
		for (const count of counts.length ? counts : DEFAULT_COUNTS) {
			for (const variant of VARIANTS) {
				rows.push(await runVariant(emulator, variant, count));
				console.error(rows.at(-1));
			}
		}
	} finally {
		await emulator.close();
	}
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	console.log(
		[
			'',
			`Rate limit ${LIMIT} requests per ${WINDOW_MS / 1000} s window (fixed, from the first request), ` +
				`slow-down ${SLOWDOWN_MS} ms above ${SLOWDOWN_RATIO * 100} %, latency ` +
				`${LATENCY_MS[0]}-${LATENCY_MS[1]} ms. Node ${process.version}, ${os.cpus().length} × ${cpu}.`,
			'',
			'| N | variant | wall time | first request after | requests sent | 429s | duplicates | lost | reported failed | peak memory (RSS) | minimum | wall / minimum |',
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
			...rows,
			'',
			`minimum = (ceil(N / ${LIMIT}) - 1) × ${WINDOW_MS / 1000} s + the last batch sent at once ` +
				`(one ${LATENCY_MS[0]} ms round trip, + ${SLOWDOWN_MS} ms if it passes ${SLOWDOWN_RATIO * 100} % of the limit).`,
			'lost = input payments neither in the emulator ledger nor returned as error items.',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
