/** The payment bench's report: every row, the medians, concurrency by window use, the verdicts. */
import os from 'node:os';
import path from 'node:path';

import { FAR, NEAR, minimumMs, type InFlightStats } from './analysis';
import { median, mib, seconds, table } from './format';
import { load, type Row } from './measure';
import type { Options } from './options';
import { verdicts } from './verdicts';
import {
	LABELS,
	LATENCY_MS,
	SLOWDOWN_MS,
	SLOWDOWN_RATIO,
	LIMIT,
	WINDOW_MS,
	type PaymentVariant,
} from './protocol';

function inFlight(stats: InFlightStats): string {
	return stats.requests ? `${stats.mean.toFixed(1)} (max ${stats.max})` : '-';
}

export const TABLE_HEADER = [
	'run',
	'mode',
	'N',
	'variant',
	'node time',
	'first request after',
	'first → last request',
	'minimum',
	'÷ minimum',
	'requests',
	'429s',
	'duplicates',
	'lost',
	'reported failed',
	'max in flight',
	`in flight, window < ${FAR * 100} %`,
	`in flight, window ≥ ${NEAR * 100} %`,
	'peak RSS',
	'load',
];

export function cells(row: Row): string[] {
	const n = row.executions > 1 ? `${row.executions} × ${row.count}` : String(row.count);
	const account = row.stopAccount;
	const failed = !row.runError
		? String(row.reportedFailed)
		: account
			? `${row.reportedFailed}, run stopped; its account: ${account.notSent} not sent, ` +
				`${account.unknown} “outcome unknown” (${account.unknownRecorded} of them recorded)`
			: `${row.reportedFailed}, run stopped, no account`;
	return [
		String(row.run),
		row.mode === 'engine' ? 'engine' : 'n8n',
		n,
		LABELS[row.variant],
		row.variant === 'validate-only' && row.nodeMs !== undefined
			? `${seconds(row.nodeMs)} (${(row.nodeMs / row.count).toFixed(3)} ms per item)`
			: seconds(row.nodeMs),
		row.requests ? seconds(row.firstRequestAfterMs) : '-',
		row.requests ? seconds(row.spanMs) : '-',
		row.minimumMs === undefined ? '-' : seconds(row.minimumMs),
		row.spanMs === undefined || row.minimumMs === undefined
			? '-'
			: (row.spanMs / row.minimumMs).toFixed(2),
		String(row.requests),
		String(row.rateLimited),
		String(row.duplicates),
		row.lost === undefined ? '?' : String(row.lost),
		failed,
		String(row.maxInFlight),
		inFlight(row.far),
		inFlight(row.near),
		row.startRssKb === undefined
			? mib(row.peakRssKb)
			: `${mib(row.peakRssKb)} (${mib(row.startRssKb)} before)`,
		row.loadAverage.toFixed(1),
	];
}

/** Median node time per size and mode: this node against the HTTP Request node. */
export function summary(rows: Row[], options: Options): string[] {
	const lines: string[][] = [];
	for (const mode of options.modes) {
		for (const size of options.sizes) {
			const of = (variant: PaymentVariant) =>
				rows.filter((row) => row.mode === mode && row.variant === variant && row.count === size);
			const propexo = of('propexo');
			if (!propexo.length) continue;
			const mid = (list: Row[], pick: (row: Row) => number | undefined) =>
				median(list.map(pick).filter((value) => value !== undefined));
			const ours = mid(propexo, (row) => row.nodeMs);
			const tuned = mid(of('http-batching'), (row) => row.nodeMs);
			lines.push([
				mode,
				String(size),
				String(propexo.length),
				seconds(ours),
				seconds(mid(of('http-default'), (row) => row.nodeMs)),
				seconds(tuned),
				ours !== undefined && tuned !== undefined ? (ours / tuned).toFixed(2) : '-',
				seconds(mid(propexo, (row) => row.spanMs)),
				seconds(minimumMs(size)),
				seconds(mid(propexo, (row) => row.firstRequestAfterMs)),
				mib(mid(propexo, (row) => row.peakRssKb)),
				mib(mid(of('http-batching'), (row) => row.peakRssKb)),
			]);
		}
	}
	return table(
		[
			'mode',
			'N',
			'runs',
			'Propexo node',
			'HTTP Request, default',
			`HTTP Request, batching ${LIMIT} / ${WINDOW_MS / 1000} s`,
			'Propexo ÷ batching',
			'Propexo first → last',
			'minimum',
			'Propexo first request after',
			'Propexo peak RSS',
			'batching peak RSS',
		],
		lines,
	);
}

export function profileTable(rows: Row[]): string[] {
	const paced = rows.filter(
		(row) => row.count * row.executions >= 1000 && row.variant !== 'get-many' && row.requests,
	);
	return table(
		[
			'run',
			'mode',
			'N',
			'variant',
			...Array.from({ length: 10 }, (_, i) => `${i * 10}–${i * 10 + 10} %`),
		],
		paced.map((row) => [
			String(row.run),
			row.mode,
			row.executions > 1 ? `${row.executions} × ${row.count}` : String(row.count),
			LABELS[row.variant],
			...row.profile.map((mean) => (mean === undefined ? '-' : mean.toFixed(1))),
		]),
	);
}

/** Prints the report to stdout, after the rows were written to `options.out`. */
export function printReport(rows: Row[], options: Options, startedLoad: number): void {
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const endLoad = load();
	const output = [
		'',
		`Rate limit ${LIMIT} requests per ${WINDOW_MS / 1000} s window (fixed, from the first request), ` +
			`slow-down ${SLOWDOWN_MS} ms above ${SLOWDOWN_RATIO * 100} %, latency ` +
			`${LATENCY_MS[0]}-${LATENCY_MS[1]} ms. Bench on Node ${process.version}; real n8n 2.40.7 on Node 24. ` +
			`${os.cpus().length} × ${cpu}. Load average (1 min) ${startedLoad.toFixed(1)} at the start, ` +
			`${endLoad.toFixed(1)} at the end.`,
		'',
		...table(TABLE_HEADER, rows.map(cells)),
		'',
		'Medians over the runs (node time = the node’s executionTime in n8n’s run data):',
		'',
		...summary(rows, options),
		'',
		'Concurrency: mean requests in flight when one arrived, by how full its window was (N ≥ 1000):',
		'',
		...profileTable(rows),
		'',
		'engine = n8n-core’s WorkflowExecute in a child process (Test Items → node); n8n = `n8n execute` of an',
		'imported workflow in the real n8n 2.40.7 (Manual Trigger → Code node → node, fields mapped with',
		'{{ $json.field }}). first request after = from the node’s startTime to the first request the emulator',
		'received. first → last = from that request’s arrival to the last answer. minimum = (⌈N / 150⌉ − 1) × 3 s',
		'+ the last batch sent at once (its slowest answer: 20 + 30·k/(k+1) ms for k requests, + 100 ms if it',
		'passes 80 % of the limit). lost = input payments neither in the emulator’s ledger nor returned as',
		'error items nor named in the account this node appends to the error when it stops a run.',
		'in flight = requests the emulator had open when one arrived, mean (max), by how full the window was.',
		'peak RSS = the process’s maximum RSS (engine: the child, n8n: the `n8n execute` process).',
		'',
		...verdicts(rows).map(
			(verdict) =>
				`VERDICT ${verdict.target}: ${
					verdict.met === undefined ? 'not measured' : verdict.met ? 'met' : 'NOT met'
				} (${verdict.figure})`,
		),
		'',
		`Raw rows: ${path.relative(process.cwd(), options.out)}`,
	];
	console.log(output.join('\n'));
}
