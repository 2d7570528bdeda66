/**
 * The bench in the real n8n 2.40.7 that `npm run dev` installs, run as a user runs it: workflows
 * imported with `n8n import:workflow`, each run with `n8n execute --id=ID --rawOutput` (a new n8n
 * process per execution, the package linked as a community package). Manual Trigger → Code node
 * making N payments → the node, every field mapped with `{{ $json.field }}`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	closeSync,
	existsSync,
	mkdirSync,
	openSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import path from 'node:path';

import { propexoCredential } from '../scripts/n8n-fixtures';
import {
	CREDENTIAL_TYPE,
	LOCAL_DIR,
	N8N_BIN,
	N8N_DIR,
	NODE_TYPE,
	assertPortFree,
	linkPackage,
	n8nEnv,
	nodeBinary,
	runN8n,
} from '../scripts/n8n-local';
import { SEED } from '../test/emulator';
import { WINDOW_MS, type Variant } from './protocol';
import {
	benchPayment,
	httpRequestParameters,
	propexoCreateParameters,
	propexoGetManyParameters,
} from './workflows';

export const MEASURED_NODE = 'Post Payments';
const SOURCE_NODE = 'Payments';
const TRIGGER_NODE = 'When clicking ‘Execute workflow’';
const CREDENTIAL = { id: 'benchPropexo0001', name: 'Propexo (bench emulator)' };
const USER_FOLDER = path.join(LOCAL_DIR, 'bench');
const RSS_PRELOAD = path.join(__dirname, 'rss-report.cjs');
const EXECUTE_TIMEOUT_MS = 15 * 60_000;

const CODES: Record<Variant, string> = {
	propexo: 'px',
	'http-default': 'hd',
	'http-batching': 'hb',
	'validate-only': 'vo',
	'get-many': 'gm',
	'shared-credential': 'sc',
	'two-processes': 'tp',
};

/** A 16-character workflow id, as n8n makes them. */
export function workflowId(variant: Variant, count: number): string {
	return `bench${CODES[variant]}${String(count).padStart(9, '0')}`;
}

/** The HTTP Request node version the editor adds in this n8n (its `defaultVersion`). */
function httpRequestVersion(): number {
	const file = path.join(
		N8N_DIR,
		'node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
	);
	const match = /defaultVersion:\s*([\d.]+)/.exec(readFileSync(file, 'utf8'));
	if (!match) throw new Error(`no defaultVersion in ${file}`);
	return Number(match[1]);
}

/** The Code node: N payments, with reference numbers unique to this execution. */
function paymentsCode(variant: Variant, count: number): string {
	const template = benchPayment('');
	return [
		`// ${count} payments; the reference numbers are new in every execution.`,
		`const prefix = 'BENCH-${CODES[variant]}-${count}-' + Date.now().toString(36) + '-' +`,
		`  Math.random().toString(36).slice(2, 6);`,
		`const template = ${JSON.stringify(template)};`,
		`const items = new Array(${count});`,
		`for (let n = 0; n < ${count}; n++) {`,
		`  items[n] = { json: { ...template, reference_number: prefix + '-' + n } };`,
		`}`,
		`return items;`,
	].join('\n');
}

function benchWorkflow(variant: Variant, count: number, baseUrl: string) {
	const credentials = { [CREDENTIAL_TYPE]: CREDENTIAL };
	let measured: Record<string, unknown>;
	if (variant === 'http-default' || variant === 'http-batching') {
		measured = {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: httpRequestVersion(),
			parameters: httpRequestParameters(baseUrl, variant === 'http-batching'),
			credentials,
		};
	} else if (variant === 'get-many') {
		measured = {
			type: NODE_TYPE,
			typeVersion: 1,
			parameters: propexoGetManyParameters(SEED.primaryIntegrationId),
			credentials,
		};
	} else {
		measured = {
			type: NODE_TYPE,
			typeVersion: 1,
			parameters: propexoCreateParameters(variant === 'validate-only'),
			credentials,
		};
	}
	const trigger = {
		id: 'be4c0000-0000-4000-8000-000000000001',
		name: TRIGGER_NODE,
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const source = {
		id: 'be4c0000-0000-4000-8000-000000000002',
		name: SOURCE_NODE,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: { jsCode: paymentsCode(variant, count) },
	};
	const node = {
		id: 'be4c0000-0000-4000-8000-000000000003',
		name: MEASURED_NODE,
		position: [440, 0],
		...measured,
	};
	const reads = variant === 'get-many';
	return {
		id: workflowId(variant, count),
		name: `Bench: ${variant}, N = ${count}`,
		active: false,
		nodes: reads ? [trigger, node] : [trigger, source, node],
		connections: reads
			? { [TRIGGER_NODE]: { main: [[{ node: MEASURED_NODE, type: 'main', index: 0 }]] } }
			: {
					[TRIGGER_NODE]: { main: [[{ node: SOURCE_NODE, type: 'main', index: 0 }]] },
					[SOURCE_NODE]: { main: [[{ node: MEASURED_NODE, type: 'main', index: 0 }]] },
				},
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

export interface N8nBench {
	userFolder: string;
	port: number;
}

/**
 * A fresh n8n user folder for the bench (.n8n-local/bench): the package linked, a Propexo
 * credential for the emulator (custom environment, the bench's 3 s window) and one workflow per
 * variant and size, imported with n8n's CLI.
 */
export async function prepareN8n(options: {
	baseUrl: string;
	token: string;
	workflows: Array<{ variant: Variant; count: number }>;
	port: number;
	log: (message: string) => void;
}): Promise<N8nBench> {
	const credential = propexoCredential({
		...CREDENTIAL,
		baseUrl: options.baseUrl,
		token: options.token,
	});
	credential.data.rateLimitWindowSeconds = WINDOW_MS / 1000;
	const workflows = options.workflows.map(({ variant, count }) =>
		benchWorkflow(variant, count, options.baseUrl),
	);
	const bench = { userFolder: USER_FOLDER, port: options.port };
	// The same credential and workflows as last time (same emulator port): reuse the import.
	const stamp = createHash('sha256')
		.update(JSON.stringify({ credential, workflows, N8N_DIR }))
		.digest('hex');
	const stampFile = path.join(USER_FOLDER, '.bench-stamp');
	if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
		linkPackage(USER_FOLDER);
		options.log(`real n8n: reusing ${path.relative(process.cwd(), USER_FOLDER)} (same workflows)`);
		return bench;
	}
	rmSync(USER_FOLDER, { recursive: true, force: true });
	mkdirSync(USER_FOLDER, { recursive: true });
	linkPackage(USER_FOLDER);
	const importDir = path.join(USER_FOLDER, 'import');
	mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify([credential], null, 2));
	for (const workflow of workflows) {
		writeFileSync(
			path.join(importDir, 'workflows', `${workflow.id}.json`),
			JSON.stringify(workflow, null, 2),
		);
	}
	const cli = { userFolder: USER_FOLDER, port: options.port, timeoutMs: 300_000 };
	await assertPortFree(options.port);
	const started = Date.now();
	const imported = await runN8n(['import:credentials', `--input=${credentialFile}`], cli);
	if (imported.code !== 0) {
		throw new Error(`n8n import:credentials failed:\n${imported.stdout}${imported.stderr}`);
	}
	const result = await runN8n(
		['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`],
		cli,
	);
	if (result.code !== 0) {
		throw new Error(`n8n import:workflow failed:\n${result.stdout}${result.stderr}`);
	}
	writeFileSync(stampFile, stamp);
	options.log(
		`real n8n: ${workflows.length} workflows imported into ` +
			`${path.relative(process.cwd(), USER_FOLDER)} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
	);
	return bench;
}

interface TaskData {
	startTime?: number;
	executionTime?: number;
	executionStatus?: string;
	error?: { message?: string };
	data?: { main?: Array<Array<{ json: Record<string, unknown>; pairedItem?: unknown }> | null> };
}

interface RunJson {
	status?: string;
	data?: {
		resultData?: {
			runData?: Record<string, TaskData[]>;
			error?: { message?: string; description?: string };
		};
	};
}

export interface N8nExecution {
	code: number | null;
	/** The `n8n execute` process from start to exit (n8n's own start-up included). */
	processMs: number;
	/** The measured node's task data; undefined when n8n printed no run. */
	node?: TaskData;
	/** The Code node's output: the reference numbers of the payments it made. */
	references?: string[];
	runError?: string;
	/** The description of that error (this node appends its account of every item to it). */
	runErrorDescription?: string;
	/** Reference numbers of input payments the node returned as error items. */
	reportedFailures: string[];
	outputItems: number;
	/** Peak RSS of the `n8n execute` process (KiB), from the preloaded rss-report.cjs. */
	maxRssKb?: number;
	output: string;
}

/** Finds the run n8n printed: `--rawOutput` on success; the failed run in its log otherwise. */
function parseRun(stdout: string, stderr: string): RunJson | undefined {
	for (const text of [stdout, stderr]) {
		let from = text.search(/^\{$/m);
		while (from !== -1) {
			const end = text.indexOf('\n}', from);
			if (end === -1) break;
			try {
				const parsed = JSON.parse(text.slice(from, end + 2)) as RunJson;
				if (parsed.data?.resultData) return parsed;
			} catch {
				// not this one
			}
			const next = text.slice(end + 2).search(/^\{$/m);
			from = next === -1 ? -1 : end + 2 + next;
		}
	}
	return undefined;
}

function pairedIndex(pairedItem: unknown): number | undefined {
	const paired = Array.isArray(pairedItem) ? pairedItem[0] : pairedItem;
	if (typeof paired === 'number') return paired;
	const item = (paired as { item?: unknown } | undefined)?.item;
	return typeof item === 'number' ? item : undefined;
}

/**
 * Runs an n8n CLI command with its output going to files (kept in the user folder, overwritten by
 * the next run of the same tag): `n8n execute` exits right after printing its run, and through a
 * pipe a large run (Get Many's 10,000 records) would be cut off; writes to a file are synchronous.
 */
function executeToFiles(
	args: string[],
	options: { userFolder: string; port: number; tag: string; env: Record<string, string> },
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
	const stdoutFile = path.join(options.userFolder, `output-${options.tag}.txt`);
	const stderrFile = path.join(options.userFolder, `log-${options.tag}.txt`);
	const out = openSync(stdoutFile, 'w');
	const err = openSync(stderrFile, 'w');
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const child = spawn(nodeBinary(), [N8N_BIN, ...args], {
			cwd: options.userFolder,
			env: n8nEnv(options.userFolder, options.port, options.env),
			stdio: ['ignore', out, err],
		});
		const timer = setTimeout(() => child.kill('SIGKILL'), EXECUTE_TIMEOUT_MS);
		const done = () => {
			clearTimeout(timer);
			closeSync(out);
			closeSync(err);
		};
		child.on('error', (error) => {
			done();
			reject(error);
		});
		child.on('close', (code) => {
			done();
			resolve({
				code,
				stdout: readFileSync(stdoutFile, 'utf8'),
				stderr: readFileSync(stderrFile, 'utf8'),
				ms: Date.now() - started,
			});
		});
	});
}

/** `n8n execute --id=ID --rawOutput` of one bench workflow, with its peak memory. */
export async function executeN8n(
	bench: N8nBench,
	id: string,
	options: { port?: number; tag: string },
): Promise<N8nExecution> {
	const rssFile = path.join(bench.userFolder, `rss-${options.tag}.jsonl`);
	rmSync(rssFile, { force: true });
	const port = options.port ?? bench.port;
	await assertPortFree(port);
	const result = await executeToFiles(['execute', `--id=${id}`, '--rawOutput'], {
		userFolder: bench.userFolder,
		port,
		tag: options.tag,
		env: {
			// A failed run is printed only in n8n's log.
			N8N_LOG_LEVEL: 'info',
			NODE_OPTIONS: `--require ${RSS_PRELOAD}`,
			BENCH_RSS_FILE: rssFile,
		},
	});
	const run = parseRun(result.stdout, result.stderr);
	const runData = run?.data?.resultData?.runData ?? {};
	const node = runData[MEASURED_NODE]?.[0];
	const sourceItems = runData[SOURCE_NODE]?.[0]?.data?.main?.[0] ?? [];
	const references = sourceItems.map((item) => String(item.json.reference_number));
	const [success = [], errors = []] = node?.data?.main ?? [];
	const failed = [...(errors ?? []), ...(success ?? []).filter((item) => item.json.error)];
	let maxRssKb: number | undefined;
	if (existsSync(rssFile)) {
		for (const line of readFileSync(rssFile, 'utf8').split('\n')) {
			if (!line.trim()) continue;
			const entry = JSON.parse(line) as { argv: string[]; maxRssKb: number };
			// The `n8n execute` process itself, not its task runner.
			if (entry.argv.includes('execute')) maxRssKb = Math.max(maxRssKb ?? 0, entry.maxRssKb);
		}
	}
	return {
		code: result.code,
		processMs: result.ms,
		node,
		references: run ? references : undefined,
		runError: run?.data?.resultData?.error?.message ?? node?.error?.message,
		runErrorDescription: run?.data?.resultData?.error?.description,
		reportedFailures: failed
			.map((item) => pairedIndex(item.pairedItem))
			.filter((index): index is number => index !== undefined)
			.map((index) => references[index] ?? `item ${index}`),
		outputItems: (success ?? []).length,
		maxRssKb,
		output: `${result.stdout.slice(0, 2000)}\n${result.stderr.slice(-4000)}`,
	};
}
