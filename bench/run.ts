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
 *   npx tsx bench/run.ts --charges [--charge-count 1000]   # charges: single, batch, HTTP (engine)
 *   npx tsx bench/run.ts --residents [--resident-count 1000] [--runs 3]   # resident lookups (engine)
 *
 * Options: --sizes N,N (default 100,1000,5000) · --runs R (3) · --variants a,b (default all:
 * propexo, http-default, http-batching, validate-only, get-many, shared-credential, two-processes)
 * · --engine-only · --n8n-only · --validate-size N (5000) · --pair-size N (1000: payments per
 * execution when two run at once) · --out file.json (default test-output/bench-<time>.json).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

import { SEED, startEmulator, type Emulator, type RecordedRequest } from '../test/emulator';
import { FAR, NEAR, analyse, minimumMs, parseStopAccount, type InFlightStats } from './analysis';
import { runChargeBench } from './charges';
import { runResidentBench } from './residents';
import { executeN8n, prepareN8n, workflowId, type N8nBench, type N8nExecution } from './n8n';
import {
	EXTRA_VARIANTS,
	LABELS,
	LATENCY_MS,
	LIMIT,
	MODES,
	PAYMENT_VARIANTS,
	READ_RECORDS,
	RESULT_MARKER,
	SLOWDOWN_MS,
	SLOWDOWN_RATIO,
	WINDOW_MS,
	supports,
	type EngineArgs,
	type EngineResult,
	type Mode,
	type PaymentVariant,
	type Variant,
} from './protocol';
import { benchPayment } from './workflows';

const ROOT = path.resolve(__dirname, '..');
const RATE_LIMIT = {
	limit: LIMIT,
	windowMs: WINDOW_MS,
	slowdownRatio: SLOWDOWN_RATIO,
	slowdownMs: SLOWDOWN_MS,
};
const CHILD_TIMEOUT_MS = 20 * 60_000;

interface Options {
	sizes: number[];
	runs: number;
	variants: Variant[];
	modes: Mode[];
	validateSize: number;
	pairSize: number;
	out: string;
}

/** One measured run of one variant in one mode. */
interface Row {
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

function parseOptions(words: string[]): Options {
	const options: Options = {
		sizes: [100, 1000, 5000],
		runs: 3,
		variants: [...PAYMENT_VARIANTS, ...EXTRA_VARIANTS],
		modes: [...MODES],
		validateSize: 5000,
		pairSize: 1000,
		out: path.join(
			ROOT,
			'test-output',
			`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
		),
	};
	const positiveInts = (text: string, flag: string) => {
		const values = text.split(',').map(Number);
		if (!values.length || values.some((value) => !Number.isInteger(value) || value < 1)) {
			throw new Error(`${flag}: expected positive integers, got "${text}"`);
		}
		return values;
	};
	const positional: number[] = [];
	for (let i = 0; i < words.length; i++) {
		const word = words[i];
		const value = () => {
			const next = words[++i];
			if (next === undefined) throw new Error(`${word} needs a value`);
			return next;
		};
		switch (word) {
			case '--sizes':
				options.sizes = positiveInts(value(), word);
				break;
			case '--runs':
				options.runs = positiveInts(value(), word)[0];
				break;
			case '--variants': {
				const known = new Set<string>([...PAYMENT_VARIANTS, ...EXTRA_VARIANTS]);
				const names = value().split(',');
				const unknown = names.filter((name) => !known.has(name));
				if (unknown.length) {
					throw new Error(
						`--variants: unknown ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
					);
				}
				options.variants = names as Variant[];
				break;
			}
			case '--engine-only':
				options.modes = ['engine'];
				break;
			case '--n8n-only':
				options.modes = ['n8n'];
				break;
			case '--validate-size':
				options.validateSize = positiveInts(value(), word)[0];
				break;
			case '--pair-size':
				options.pairSize = positiveInts(value(), word)[0];
				break;
			case '--out':
				options.out = path.resolve(value());
				break;
			default:
				if (/^\d+$/.test(word)) positional.push(Number(word));
				else
					throw new Error(`unknown argument ${word} (see the comment at the top of bench/run.ts)`);
		}
	}
	if (positional.length) options.sizes = positional;
	return options;
}

function log(message: string) {
	process.stderr.write(`[bench] ${message}\n`);
}

function load(): number {
	return os.loadavg()[0];
}

/** The payments per execution and executions of a variant at a size. */
function shape(variant: Variant, size: number, options: Options) {
	if (variant === 'validate-only') return { count: options.validateSize, executions: 1 };
	if (variant === 'get-many') return { count: READ_RECORDS, executions: 1 };
	if (variant === 'shared-credential' || variant === 'two-processes') {
		return { count: options.pairSize, executions: 2 };
	}
	return { count: size, executions: 1 };
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

interface Execution {
	nodeStartedAt?: number;
	nodeMs?: number;
	runError?: string;
	runErrorDescription?: string;
	reportedFailures: string[];
	outputItems: number;
	/** The input payments' reference numbers; undefined when unknown. */
	references?: string[];
	peakRssKb?: number;
	startRssKb?: number;
}

async function engineChild(emulator: Emulator, args: EngineArgs): Promise<EngineResult> {
	const child = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', path.join(__dirname, 'variant.ts'), JSON.stringify(args)],
		{
			cwd: ROOT,
			encoding: 'utf8',
			maxBuffer: 64 * 1024 * 1024,
			timeout: CHILD_TIMEOUT_MS,
			env: { ...process.env, N8N_LOG_LEVEL: 'silent' },
		},
	);
	const line = child.stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
	if (!line)
		throw new Error(`${args.variant} printed no result:\n${child.stdout}\n${child.stderr}`);
	void emulator;
	return JSON.parse(line.slice(RESULT_MARKER.length)) as EngineResult;
}

async function runEngine(
	emulator: Emulator,
	variant: Variant,
	count: number,
	executions: number,
): Promise<Execution[]> {
	const tag = Date.now().toString(36);
	const prefixes = Array.from(
		{ length: executions },
		(_, n) => `BENCH-${variant}-${count}-${tag}-${n}`,
	);
	const base = {
		variant,
		count,
		url: emulator.url,
		token: emulator.token,
		integrationId: SEED.primaryIntegrationId,
	};
	// Two processes: one execution each, at the same time, one token (as two queue-mode workers).
	const results =
		variant === 'two-processes'
			? await Promise.all(
					prefixes.map((prefix) => engineChild(emulator, { ...base, prefixes: [prefix] })),
				)
			: [await engineChild(emulator, { ...base, prefixes })];
	const out: Execution[] = [];
	let prefixIndex = 0;
	for (const result of results) {
		for (const execution of result.executions) {
			const prefix = prefixes[prefixIndex++];
			out.push({
				...execution,
				references:
					variant === 'get-many' ? [] : Array.from({ length: count }, (_, n) => `${prefix}-${n}`),
				peakRssKb: result.maxRssKb,
				startRssKb: result.startRssKb,
			});
		}
	}
	return out;
}

async function runInN8n(
	bench: N8nBench,
	variant: Variant,
	count: number,
	executions: number,
): Promise<Execution[]> {
	const id = workflowId(variant, count);
	// Two processes: two `n8n execute` at once, each with its own ports.
	const runs: N8nExecution[] = await Promise.all(
		Array.from({ length: executions }, (_, n) =>
			executeN8n(bench, id, { port: bench.port + 2 * n, tag: `${variant}-${n}` }),
		),
	);
	return runs.map((execution) => {
		if (!execution.node) {
			log(`n8n ${variant} N=${count}: no run data (exit ${execution.code}):\n${execution.output}`);
		}
		return {
			nodeStartedAt: execution.node?.startTime,
			nodeMs: execution.node?.executionTime,
			runError: execution.runError,
			runErrorDescription: execution.runErrorDescription,
			reportedFailures: execution.reportedFailures,
			outputItems: execution.outputItems,
			references: variant === 'get-many' ? [] : execution.references,
			peakRssKb: execution.maxRssKb,
		};
	});
}

async function measure(
	emulator: Emulator,
	doneAt: WeakMap<RecordedRequest, number>,
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

// ---------------------------------------------------------------------------------------------
// Output

function seconds(ms: number | undefined): string {
	if (ms === undefined) return '?';
	return Math.abs(ms) < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

function mib(kb: number | undefined): string {
	return kb === undefined ? '?' : `${Math.round(kb / 1024)} MiB`;
}

function inFlight(stats: InFlightStats): string {
	return stats.requests ? `${stats.mean.toFixed(1)} (max ${stats.max})` : '-';
}

const TABLE_HEADER = [
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

function cells(row: Row): string[] {
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

function table(header: string[], rows: string[][]): string[] {
	return [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	];
}

function median(values: number[]): number | undefined {
	if (!values.length) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Median node time per size and mode: this node against the HTTP Request node. */
function summary(rows: Row[], options: Options): string[] {
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

function profileTable(rows: Row[]): string[] {
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

// ---------------------------------------------------------------------------------------------
// Targets

interface Verdict {
	target: string;
	met: boolean | undefined;
	figure: string;
}

function where(row: Row): string {
	return `${row.mode} N=${row.executions > 1 ? `${row.executions}×${row.count}` : row.count} run ${row.run}`;
}

function worst<T>(rows: T[], score: (row: T) => number): T | undefined {
	let found: T | undefined;
	for (const row of rows) if (found === undefined || score(row) > score(found)) found = row;
	return found;
}

/** The tuned HTTP Request node's row of the same run, mode and size. */
function tunedTwin(rows: Row[], row: Row): Row | undefined {
	return rows.find(
		(other) =>
			other.variant === 'http-batching' &&
			other.run === row.run &&
			other.mode === row.mode &&
			other.count === row.count,
	);
}

function verdicts(rows: Row[], options: Options): Verdict[] {
	const list: Verdict[] = [];
	const notMeasured = (target: string, what: string) =>
		list.push({ target, met: undefined, figure: what });
	const propexo = rows.filter((row) => row.variant === 'propexo');

	// 1. Speed against the tuned HTTP Request node, and correctness.
	const pairs = propexo.flatMap((row) => {
		const tuned = tunedTwin(rows, row);
		return tuned && row.nodeMs !== undefined && tuned.nodeMs !== undefined
			? [{ row, ratio: row.nodeMs / tuned.nodeMs, tuned }]
			: [];
	});
	const missingSizes = [100, 1000, 5000].filter((size) => !pairs.some((p) => p.row.count === size));
	if (!pairs.length) notMeasured('1-speed', 'needs the propexo and http-batching variants');
	else {
		// Per mode and size: runs faster, and the worst ratio with its times.
		const groups = new Map<string, typeof pairs>();
		for (const pair of pairs) {
			const key = `${pair.row.mode} N=${pair.row.count}`;
			groups.set(key, [...(groups.get(key) ?? []), pair]);
		}
		const parts = [...groups].map(([key, group]) => {
			const slowest = worst(group, (pair) => pair.ratio)!;
			return (
				`${key}: ${group.filter((pair) => pair.ratio <= 1).length}/${group.length} faster, ` +
				`worst ${slowest.ratio.toFixed(2)} (${seconds(slowest.row.nodeMs)} vs ${seconds(slowest.tuned.nodeMs)})`
			);
		});
		list.push({
			target: '1-speed',
			met: pairs.every((pair) => pair.ratio <= 1) && missingSizes.length === 0,
			figure:
				`Propexo ÷ tuned HTTP Request node time per run; ${parts.join('; ')}` +
				(missingSizes.length ? `; sizes not measured: ${missingSizes.join(', ')}` : ''),
		});
	}
	if (!propexo.length) notMeasured('1-no-429-duplicate-loss', 'needs the propexo variant');
	else {
		const sum = (pick: (row: Row) => number | undefined) =>
			propexo.reduce((total, row) => total + (pick(row) ?? 0), 0);
		const unknown = propexo.filter((row) => row.lost === undefined).length;
		list.push({
			target: '1-no-429-duplicate-loss',
			met:
				sum((row) => row.rateLimited) === 0 &&
				sum((row) => row.duplicates) === 0 &&
				sum((row) => row.lost) === 0 &&
				unknown === 0,
			figure:
				`${propexo.length} Propexo runs: ${sum((row) => row.rateLimited)} × 429, ` +
				`${sum((row) => row.duplicates)} duplicates, ${sum((row) => row.lost)} lost` +
				(unknown ? `, ${unknown} runs unaccounted` : ''),
		});
	}

	// 2. Close to the minimum; a quick first request; fast preparation.
	const spans = propexo.filter((row) => row.spanMs !== undefined);
	if (!spans.length) notMeasured('2-first-to-last', 'needs the propexo variant');
	else {
		const sizes = [...new Set(spans.map((row) => `${row.mode} N=${row.count}`))];
		const parts = sizes.map((key) => {
			const group = spans.filter((row) => `${row.mode} N=${row.count}` === key);
			const far = worst(group, (row) => row.spanMs! / row.minimumMs!)!;
			const within = group.filter((row) => row.spanMs! <= 1.05 * row.minimumMs!).length;
			return (
				`${key}: ${within}/${group.length} within, worst ${(far.spanMs! / far.minimumMs!).toFixed(2)} ` +
				`(${seconds(far.spanMs)} vs ${seconds(far.minimumMs)})`
			);
		});
		list.push({
			target: '2-first-to-last',
			met: spans.every((row) => row.spanMs! <= 1.05 * row.minimumMs!),
			figure: `first → last request ÷ minimum, limit 1.05; ${parts.join('; ')}`,
		});
	}
	const at1000 = propexo.filter(
		(row) => row.count === 1000 && row.firstRequestAfterMs !== undefined,
	);
	if (!at1000.length) notMeasured('2-first-request', 'needs the propexo variant at N = 1000');
	else {
		const late = worst(at1000, (row) => row.firstRequestAfterMs!)!;
		list.push({
			target: '2-first-request',
			met: at1000.every((row) => row.firstRequestAfterMs! <= 300),
			figure: `N=1000: worst ${seconds(late.firstRequestAfterMs)} after the node started (${where(late)}); limit 0.30 s`,
		});
	}
	const validated = rows.filter(
		(row) => row.variant === 'validate-only' && row.nodeMs !== undefined,
	);
	if (!validated.length) notMeasured('2-prepare-item', 'needs the validate-only variant');
	else {
		const slow = worst(validated, (row) => row.nodeMs! / row.count)!;
		list.push({
			target: '2-prepare-item',
			met: validated.every((row) => row.nodeMs! / row.count <= 0.3),
			figure:
				`Validate Only: worst ${(slow.nodeMs! / slow.count).toFixed(3)} ms per item ` +
				`(${seconds(slow.nodeMs)} for ${slow.count}, ${where(slow)}); limit 0.300 ms`,
		});
	}

	// 3. Concurrency follows the window instead of a fixed cap, and never overruns it.
	const paced = propexo.filter((row) => row.count >= 1000 && row.requests);
	if (!paced.length) notMeasured('3-concurrency-adapts', 'needs the propexo variant at N ≥ 1000');
	else {
		const adapts = (row: Row) =>
			row.far.mean > 4 &&
			row.near.mean < row.far.mean &&
			row.maxInFlight <= LIMIT &&
			row.rateLimited === 0;
		const shown = paced.find((row) => !adapts(row)) ?? paced[0];
		list.push({
			target: '3-concurrency-adapts',
			met: paced.every(adapts),
			figure:
				`${paced.filter(adapts).length}/${paced.length} runs (met: mean in flight above 4, the old fixed cap, ` +
				`while the window is < ${FAR * 100} % used, lower at ≥ ${NEAR * 100} %, never more than the limit, no 429); ` +
				`max in flight ${paced.map((row) => `${row.maxInFlight} (${where(row)})`).join(', ')}; ` +
				`e.g. ${where(shown)}: window < ${FAR * 100} % used: mean ${shown.far.mean.toFixed(1)}, max ${shown.far.max}; ` +
				`≥ ${NEAR * 100} %: mean ${shown.near.mean.toFixed(1)}, max ${shown.near.max}`,
		});
	}

	// 4. Memory at N = 5,000.
	const memory = propexo.flatMap((row) => {
		const tuned = tunedTwin(rows, row);
		return row.count === 5000 && tuned?.peakRssKb && row.peakRssKb
			? [{ row, tuned, ratio: row.peakRssKb / tuned.peakRssKb }]
			: [];
	});
	if (!memory.length) notMeasured('4-memory', 'needs propexo and http-batching at N = 5000');
	else {
		const big = worst(memory, (pair) => pair.ratio)!;
		list.push({
			target: '4-memory',
			met: memory.every((pair) => pair.ratio <= 1.2),
			figure:
				`N=5000 peak RSS, Propexo ÷ tuned HTTP Request: worst ${big.ratio.toFixed(2)} ` +
				`(${mib(big.row.peakRssKb)} vs ${mib(big.tuned.peakRssKb)}, ${where(big.row)}); limit 1.20`,
		});
	}

	// 5. Reads, two executions on one credential, two processes on one token.
	const reads = rows.filter((row) => row.variant === 'get-many');
	if (!reads.length) notMeasured('5-get-many', 'needs the get-many variant');
	else {
		const expected = Math.ceil(READ_RECORDS / 250);
		const good = (row: Row) =>
			row.requests === expected && row.rateLimited === 0 && row.outputItems === READ_RECORDS;
		const bad = reads.find((row) => !good(row)) ?? reads[0];
		list.push({
			target: '5-get-many',
			met: reads.every(good),
			figure:
				`${READ_RECORDS} records: ${bad.requests} requests (expected ${expected}), ${bad.outputItems} items, ` +
				`${bad.rateLimited} × 429, ${seconds(bad.nodeMs)}, peak RSS ${mib(bad.peakRssKb)} (${where(bad)})`,
		});
	}
	const shared = rows.filter((row) => row.variant === 'shared-credential');
	if (!shared.length) notMeasured('5-shared-credential', 'needs the shared-credential variant');
	else {
		const ok = (row: Row) => row.rateLimited === 0 && row.duplicates === 0 && row.lost === 0;
		const bad = shared.find((row) => !ok(row)) ?? shared[0];
		list.push({
			target: '5-shared-credential',
			met: shared.every(ok),
			figure:
				`2 executions × ${bad.count} at once: ${bad.rateLimited} × 429, ${bad.duplicates} duplicates, ` +
				`${bad.lost ?? '?'} lost, first → last ${seconds(bad.spanMs)} (${(bad.spanMs! / bad.minimumMs!).toFixed(2)} × minimum) (${where(bad)})`,
		});
	}
	const queue = rows.filter((row) => row.variant === 'two-processes');
	if (!queue.length) notMeasured('5-queue-mode', 'needs the two-processes variant');
	else {
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
		list.push({
			target: '5-queue-mode',
			met: queue.every(ok),
			figure: `2 processes × ${queue[0].count} on one token (met: 0 duplicates, 0 lost, no run stopped; 429s expected): ${figures}`,
		});
	}
	void options;
	return list;
}

// ---------------------------------------------------------------------------------------------

async function main() {
	const words = process.argv.slice(2);
	if (words.includes('--charges')) {
		const at = words.indexOf('--charge-count');
		await runChargeBench(at === -1 ? 1000 : Number(words[at + 1]));
		return;
	}
	if (words.includes('--residents')) {
		const at = words.indexOf('--resident-count');
		const runs = words.indexOf('--runs');
		await runResidentBench(
			at === -1 ? 1000 : Number(words[at + 1]),
			runs === -1 ? 1 : Number(words[runs + 1]),
		);
		return;
	}
	const options = parseOptions(words);
	const payments = options.variants.filter((v): v is PaymentVariant =>
		(PAYMENT_VARIANTS as Variant[]).includes(v),
	);
	const extras = options.variants.filter((v) => (EXTRA_VARIANTS as Variant[]).includes(v));
	const startedLoad = load();
	log(
		`sizes ${options.sizes.join(', ')}; ${options.runs} run(s); modes ${options.modes.join(', ')}; ` +
			`variants ${options.variants.join(', ')}; load average ${os
				.loadavg()
				.map((l) => l.toFixed(1))
				.join(' ')}`,
	);
	const doneAt = new WeakMap<RecordedRequest, number>();
	const emulator = await startEmulator({
		// A fixed port, so that the real n8n's imported credential and workflows can be reused.
		port: Number(process.env.BENCH_EMULATOR_PORT ?? 4710),
		rateLimit: RATE_LIMIT,
		latencyMs: LATENCY_MS,
		// Jobs settle at once, so that payments posted to seed Get Many are listed right away.
		writeStatusDelayMs: 0,
		onRequest: (request) => doneAt.set(request, Date.now()),
	});
	const rows: Row[] = [];
	try {
		let bench: N8nBench | undefined;
		if (options.modes.includes('n8n')) {
			const workflows = [
				...payments.flatMap((variant) => options.sizes.map((count) => ({ variant, count }))),
				...extras
					.filter((variant) => supports(variant, 'n8n'))
					.map((variant) => ({ variant, count: shape(variant, 0, options).count })),
			];
			bench = await prepareN8n({
				baseUrl: emulator.url,
				token: emulator.token,
				workflows,
				port: Number(process.env.BENCH_N8N_PORT ?? 5710),
				log,
			});
		}
		const record = async (run: number, mode: Mode, variant: Variant, size: number) => {
			const row = await measure(emulator, doneAt, bench, run, mode, variant, size, options);
			rows.push(row);
			log(`| ${cells(row).join(' | ')} |`);
		};
		for (let run = 1; run <= options.runs; run++) {
			log(`run ${run} of ${options.runs}`);
			for (const size of options.sizes) {
				for (const variant of payments) {
					for (const mode of options.modes) await record(run, mode, variant, size);
				}
			}
			for (const variant of extras) {
				for (const mode of options.modes) {
					if (supports(variant, mode)) await record(run, mode, variant, 0);
				}
			}
		}
	} finally {
		await emulator.close();
		if (rows.length) {
			mkdirSync(path.dirname(options.out), { recursive: true });
			writeFileSync(options.out, JSON.stringify({ options, rows }, null, 2));
		}
	}

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
		...verdicts(rows, options).map(
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

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
