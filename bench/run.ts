/**
 * `npm run bench`: this node against n8n's HTTP Request node, posting N payments to the local
 * Propexo emulator under Propexo's rate limit scaled down twenty times (150 requests per 3 s window
 * instead of per 60 s, slow-down 100 ms instead of 2 s above 80 %) with 20-50 ms latency. Every
 * variant runs twice: (a) through n8n-core's engine in a child process of its own, (b) in the real
 * n8n 2.40.7 of `npm run dev` with `n8n execute` (see bench/n8n.ts). The emulator runs in this
 * process and counts what arrived; at the end the targets of issue #10 are checked and printed as
 * `VERDICT <target>: met|NOT met (<figure>)` lines.
 *
 *   npm run bench                                   # everything, three runs
 *   npm run bench -- --sizes 100,1000 --runs 1 --engine-only
 *   npx tsx bench/run.ts --variants propexo,http-batching --sizes 1000 --n8n-only
 *
 *   npx tsx bench/run.ts --charges [--charge-count 1000] [--runs 1]   # charges (engine)
 *   npx tsx bench/run.ts --residents [--resident-count 1000] [--runs 3]   # resident lookups (engine)
 *
 * Options: --sizes N,N (default 100,1000,5000) · --runs R (3) · --variants a,b (default all:
 * propexo, http-default, http-batching, validate-only, get-many, shared-credential, two-processes)
 * · --engine-only · --n8n-only · --validate-size N (5000) · --pair-size N (1000: payments per
 * execution when two run at once) · --out file.json (default test-output/bench-<time>.json).
 */

import { runChargeBench } from './charges';
import { parseOptions } from './options';
import { runPaymentBench } from './payments';
import { runResidentBench } from './residents';

/** The number after `flag`, or `fallback` when the flag is absent. */
function numberAfter(words: string[], flag: string, fallback: number): number {
	const at = words.indexOf(flag);
	return at === -1 ? fallback : Number(words[at + 1]);
}

async function main() {
	const words = process.argv.slice(2);
	if (words.includes('--charges')) {
		await runChargeBench(
			numberAfter(words, '--charge-count', 1000),
			numberAfter(words, '--runs', 1),
		);
		return;
	}
	if (words.includes('--residents')) {
		await runResidentBench(
			numberAfter(words, '--resident-count', 1000),
			numberAfter(words, '--runs', 1),
		);
		return;
	}
	await runPaymentBench(parseOptions(words));
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
