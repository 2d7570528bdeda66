/**
 * `npm run bench`: posts N payments through n8n's engine against the local emulator under a
 * scaled Propexo rate limit (150 requests per 3 s instead of per 60 s, slow-down 100 ms instead of
 * 2 s above 80 %, 20-50 ms latency), with the Propexo node and with n8n's HTTP Request node
 * (default settings, then its batching option at 150 items per 3 s). Each run is its own process.
 * Usage: npm run bench [-- 100 1000]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';

import { startEmulator } from '../test/emulator';
import { RESULT_MARKER, type Variant } from './protocol';

const LIMIT = 150;
const WINDOW_MS = 3000;
const VARIANTS: Variant[] = ['propexo-node', 'http-request-default', 'http-request-batching'];

/** Fixed windows from the first request: N requests need ceil(N / L) - 1 full windows first. */
function minimumMs(count: number): number {
	return (Math.ceil(count / LIMIT) - 1) * WINDOW_MS;
}

interface VariantResult {
	wallMs: number;
	maxRssKb: number;
	runFailed: boolean;
	reportedFailures: string[];
}

async function main() {
	const counts = process.argv.slice(2).map(Number).filter(Boolean);
	const emulator = await startEmulator({
		rateLimit: { limit: LIMIT, windowMs: WINDOW_MS, slowdownRatio: 0.8, slowdownMs: 100 },
		latencyMs: [20, 50],
	});
	const rows: string[] = [];
	try {
		for (const count of counts.length ? counts : [100, 1000]) {
			for (const variant of VARIANTS) {
				emulator.reset();
				// Start each run in a fresh rate-limit window.
				await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
				const prefix = `${variant}-${count}-${Date.now()}`;
				const args = {
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
					[require.resolve('tsx/cli'), path.join(__dirname, 'variant.ts'), JSON.stringify(args)],
					{
						encoding: 'utf8',
						maxBuffer: 64 * 1024 * 1024,
						env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
					},
				);
				const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
				if (!line) throw new Error(`${variant} printed no result: ${child.stdout}`);
				const result = JSON.parse(line.slice(RESULT_MARKER.length)) as VariantResult;

				const posts = emulator.requests.filter((request) => request.method === 'POST');
				const rateLimited = posts.filter((request) => request.status === 429).length;
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
				rows.push(
					`| ${count} | ${variant}${result.runFailed ? ' (run failed)' : ''} | ${(result.wallMs / 1000).toFixed(1)} s | ${posts.length} | ${rateLimited} | ${duplicates} | ${lost} | ${(result.maxRssKb / 1024).toFixed(0)} MiB | ${minimum > 0 ? (result.wallMs / minimum).toFixed(2) : 'n/a (one window)'} |`,
				);
				console.error(rows.at(-1));
			}
		}
	} finally {
		await emulator.close();
	}
	console.log(
		[
			`Limit ${LIMIT} requests per ${WINDOW_MS / 1000} s window, slow-down 100 ms above 80 %, latency 20-50 ms.`,
			'',
			'| N | variant | wall time | requests sent | 429s | duplicates | lost | peak memory | wall / minimum |',
			'| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
			...rows,
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
