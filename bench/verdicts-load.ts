/** The targets of issue #10 under load: concurrency, memory, reads, and shared limits. */
import { FAR, NEAR } from './analysis';
import { mib, seconds } from './format';
import type { Row } from './measure';
import { LIMIT, READ_RECORDS } from './protocol';
import { tunedTwin, unmeasured, where, worst, type Verdict } from './verdict';

/** 3. Concurrency follows the window instead of a fixed cap, and never overruns it. */
export function concurrency(propexo: Row[]): Verdict {
	const paced = propexo.filter((row) => row.count >= 1000 && row.requests);
	if (!paced.length)
		return unmeasured('3-concurrency-adapts', 'needs the propexo variant at N ≥ 1000');
	const adapts = (row: Row) =>
		row.far.mean > 4 &&
		row.near.mean < row.far.mean &&
		row.maxInFlight <= LIMIT &&
		row.rateLimited === 0;
	const shown = paced.find((row) => !adapts(row)) ?? paced[0];
	return {
		target: '3-concurrency-adapts',
		met: paced.every(adapts),
		figure:
			`${paced.filter(adapts).length}/${paced.length} runs (met: mean in flight above 4, the old fixed cap, ` +
			`while the window is < ${FAR * 100} % used, lower at ≥ ${NEAR * 100} %, never more than the limit, no 429); ` +
			`max in flight ${paced.map((row) => `${row.maxInFlight} (${where(row)})`).join(', ')}; ` +
			`e.g. ${where(shown)}: window < ${FAR * 100} % used: mean ${shown.far.mean.toFixed(1)}, max ${shown.far.max}; ` +
			`≥ ${NEAR * 100} %: mean ${shown.near.mean.toFixed(1)}, max ${shown.near.max}`,
	};
}

/** 4. Memory at N = 5,000. */
export function memoryUse(rows: Row[], propexo: Row[]): Verdict {
	const memory = propexo.flatMap((row) => {
		const tuned = tunedTwin(rows, row);
		return row.count === 5000 && tuned?.peakRssKb && row.peakRssKb
			? [{ row, tuned, ratio: row.peakRssKb / tuned.peakRssKb }]
			: [];
	});
	if (!memory.length) return unmeasured('4-memory', 'needs propexo and http-batching at N = 5000');
	const big = worst(memory, (pair) => pair.ratio)!;
	return {
		target: '4-memory',
		met: memory.every((pair) => pair.ratio <= 1.2),
		figure:
			`N=5000 peak RSS, Propexo ÷ tuned HTTP Request: worst ${big.ratio.toFixed(2)} ` +
			`(${mib(big.row.peakRssKb)} vs ${mib(big.tuned.peakRssKb)}, ${where(big.row)}); limit 1.20`,
	};
}

/** 5. Reads. */
export function getMany(rows: Row[]): Verdict {
	const reads = rows.filter((row) => row.variant === 'get-many');
	if (!reads.length) return unmeasured('5-get-many', 'needs the get-many variant');
	const expected = Math.ceil(READ_RECORDS / 250);
	const good = (row: Row) =>
		row.requests === expected && row.rateLimited === 0 && row.outputItems === READ_RECORDS;
	const bad = reads.find((row) => !good(row)) ?? reads[0];
	return {
		target: '5-get-many',
		met: reads.every(good),
		figure:
			`${READ_RECORDS} records: ${bad.requests} requests (expected ${expected}), ${bad.outputItems} items, ` +
			`${bad.rateLimited} × 429, ${seconds(bad.nodeMs)}, peak RSS ${mib(bad.peakRssKb)} (${where(bad)})`,
	};
}

/** 5. Two executions on one credential. */
export function sharedCredential(rows: Row[]): Verdict {
	const shared = rows.filter((row) => row.variant === 'shared-credential');
	if (!shared.length)
		return unmeasured('5-shared-credential', 'needs the shared-credential variant');
	const ok = (row: Row) => row.rateLimited === 0 && row.duplicates === 0 && row.lost === 0;
	const bad = shared.find((row) => !ok(row)) ?? shared[0];
	return {
		target: '5-shared-credential',
		met: shared.every(ok),
		figure:
			`2 executions × ${bad.count} at once: ${bad.rateLimited} × 429, ${bad.duplicates} duplicates, ` +
			`${bad.lost ?? '?'} lost, first → last ${seconds(bad.spanMs)} (${(bad.spanMs! / bad.minimumMs!).toFixed(2)} × minimum) (${where(bad)})`,
	};
}

/** 5. Two processes on one token. */
export function queueMode(rows: Row[]): Verdict {
	const queue = rows.filter((row) => row.variant === 'two-processes');
	if (!queue.length) return unmeasured('5-queue-mode', 'needs the two-processes variant');
	const ok = (row: Row) => row.duplicates === 0 && row.lost === 0 && !row.runError;
	const figures = queue
		.map(
			(row) =>
				`${where(row)}: ${row.rateLimited} × 429, ${seconds(row.spanMs)} (${(row.spanMs! / row.minimumMs!).toFixed(2)} × minimum), ` +
				`${row.duplicates} dup, ${row.lost ?? '?'} lost` +
				(row.runError
					? `, run stopped: “${row.runError}”` +
						(row.stopAccount
							? ` (${row.stopAccount.notSent} not sent, ${row.stopAccount.unknown} “outcome unknown”, ${row.stopAccount.unknownRecorded} of those recorded)`
							: '')
					: ''),
		)
		.join('; ');
	return {
		target: '5-queue-mode',
		met: queue.every(ok),
		figure: `2 processes × ${queue[0].count} on one token (met: 0 duplicates, 0 lost, no run stopped; 429s expected): ${figures}`,
	};
}
