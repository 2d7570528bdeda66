/**
 * Shared pieces of the durable e2e tests: a real n8n per scenario (own user folder and ports), the
 * workflows they run, webhook deliveries, and counts from the emulator's ledger of recorded
 * payments. The emulator is started once by global-setup.ts.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { SEED } from '../emulator';
import { failureOf } from '../harness/account';
import { propexoCredential } from '../../scripts/n8n-fixtures';
import {
	PORTAL_WEBHOOK,
	mappedPaymentParameters,
	portalWebhookNode,
	webhookRegistered,
} from '../e2e/workflows';
import {
	CREDENTIAL_TYPE,
	LOCAL_DIR,
	NODE_TYPE,
	ROOT,
	linkPackage,
	login,
	runN8n,
	setupOwner,
	sleep,
	startN8n,
	type N8nServer,
} from '../../scripts/n8n-local';

export const STATE_ENV = 'PROPEXO_DURABLE_STATE';
export const OUTPUT_DIR = path.join(ROOT, 'test-output', 'durable');
export const PAYMENT_NODE = 'ResMan Payment';

export interface DurableState {
	emulatorUrl: string;
	emulatorToken: string;
}

export function readState(): DurableState {
	const raw = process.env[STATE_ENV];
	if (!raw) throw new Error(`${STATE_ENV} is not set: run with \`npm run test:durable\``);
	return JSON.parse(raw) as DurableState;
}

export function log(message: string): void {
	process.stdout.write(`[durable] ${message}\n`);
}

/** Writes a scenario's measured figures to test-output/durable/<name>.json. */
export function writeReport(name: string, report: Record<string, unknown>): string {
	mkdirSync(OUTPUT_DIR, { recursive: true });
	const file = path.join(OUTPUT_DIR, `${name}.json`);
	writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
	return file;
}

// ---------------------------------------------------------------------------------------------
// The emulator

export interface Payment {
	integration_id: string;
	resident_id: string;
	payment_type: string;
	amount_in_cents: number;
	transaction_date: string;
	reference_number: string;
	batch_id: string;
	description: string;
	notes: string;
}

/** `count` distinct payments for ordinary residents, references `<prefix>-0` … `<prefix>-(n-1)`. */
export function payments(prefix: string, count: number): Payment[] {
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	const residents = SEED.residentsOf(SEED.primaryIntegrationId).filter((r) => r.id !== failing);
	return Array.from({ length: count }, (_, i) => ({
		integration_id: SEED.primaryIntegrationId,
		resident_id: residents[i % residents.length].id,
		payment_type: 'ACH',
		amount_in_cents: 10000 + i,
		transaction_date: '2026-11-25T14:30:00Z',
		reference_number: `${prefix}-${i}`,
		batch_id: `durable-${prefix}`,
		description: 'November rent',
		notes: 'durable e2e test',
	}));
}

async function control(state: DurableState, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${state.emulatorUrl}/__emulator/${route}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`emulator ${route}: ${response.status} ${await response.text()}`);
	return await response.json();
}

/** The rate limit (per token, fixed window), or false for none. */
/** The emulator's rate-limit window in these tests: Propexo's minute, scaled down. */
export const RATE_LIMIT_WINDOW_MS = 5000;

export async function setRateLimit(
	state: DurableState,
	limit: { limit: number; windowMs: number; slowdownMs?: number } | false,
): Promise<void> {
	await control(state, 'rate-limit', limit);
}

const PAYMENTS_PATH = '/v1/resident-payments/resman/';

/** Makes the emulator answer the next payment POST with `status` (a refusal: nothing recorded). */
export async function refuseNextPayment(state: DurableState, status = 400): Promise<void> {
	await control(state, 'faults', {
		match: { method: 'POST', path: PAYMENTS_PATH },
		faults: [
			{ kind: 'status', status, body: { error: 'Bad Request', message: 'Injected refusal' } },
		],
	});
}

/** How many times the emulator recorded each reference that starts with `prefix`. */
export async function recordedCounts(
	state: DurableState,
	prefix: string,
): Promise<Map<string, number>> {
	const ledger = (await control(state, 'ledger')) as Array<{ payment: Record<string, unknown> }>;
	const counts = new Map<string, number>();
	for (const { payment } of ledger) {
		const reference = String(payment.reference_number);
		if (reference.startsWith(`${prefix}-`)) counts.set(reference, (counts.get(reference) ?? 0) + 1);
	}
	return counts;
}

/** How many payment POSTs for these references reached the emulator at all (recorded or not). */
export async function postsReceived(state: DurableState, references: string[]): Promise<number> {
	const wanted = new Set(references);
	const requests = (await control(state, 'requests')) as Array<{
		method: string;
		path: string;
		body: { reference_number?: unknown } | null;
	}>;
	return requests.filter(
		(r) =>
			r.method === 'POST' &&
			r.path === PAYMENTS_PATH &&
			wanted.has(String(r.body?.reference_number)),
	).length;
}

export function total(counts: Map<string, number>): number {
	return [...counts.values()].reduce((sum, n) => sum + n, 0);
}

/** References recorded more than once, with their counts. */
export function duplicates(counts: Map<string, number>): Record<string, number> {
	return Object.fromEntries([...counts].filter(([, n]) => n > 1));
}

/** Waits until at least `atLeast` payments with `prefix` are recorded; returns the count. */
export async function waitForRecorded(
	state: DurableState,
	prefix: string,
	atLeast: number,
	timeoutMs = 90_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const recorded = total(await recordedCounts(state, prefix));
		if (recorded >= atLeast) return recorded;
		if (Date.now() > deadline) {
			throw new Error(`only ${recorded} of ${atLeast} payments were recorded in time`);
		}
		await sleep(100);
	}
}

/** Waits until no new payment with `prefix` has been recorded for `quietMs`; returns the count. */
export async function waitForQuiet(
	state: DurableState,
	prefix: string,
	quietMs: number,
	timeoutMs = 60_000,
): Promise<number> {
	const deadline = Date.now() + timeoutMs;
	let last = -1;
	let since = Date.now();
	for (;;) {
		const recorded = total(await recordedCounts(state, prefix));
		if (recorded !== last) {
			last = recorded;
			since = Date.now();
		} else if (Date.now() - since >= quietMs || Date.now() > deadline) {
			return recorded;
		}
		await sleep(250);
	}
}

// ---------------------------------------------------------------------------------------------
// Workflows

const GOOD_CREDENTIAL = { id: 'propexoDurable01', name: 'Propexo Emulator (durable)' };

/** The node's On Error setting: every item out (the run's account), or n8n's default, Stop. */
export type OnError = 'continueRegularOutput' | 'stopWorkflow';

function paymentNode(
	from: string,
	onError: OnError = 'continueRegularOutput',
): Record<string, unknown> {
	const node: Record<string, unknown> = {
		id: randomUUID(),
		name: PAYMENT_NODE,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [600, 0],
		credentials: { [CREDENTIAL_TYPE]: GOOD_CREDENTIAL },
		parameters: mappedPaymentParameters(from),
	};
	// Stop is n8n's default and is saved as no setting at all.
	if (onError !== 'stopWorkflow') node.onError = onError;
	return node;
}

export const WEBHOOK_NODE = PORTAL_WEBHOOK;

function webhookNode(webhookPath: string): Record<string, unknown> {
	return portalWebhookNode(webhookPath, { responseData: 'allEntries' });
}

export interface WorkflowFile {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	tags: unknown[];
}

/**
 * Webhook (a batch file: `{ payments: [...] }`) → Split Out → ResMan Payment (Create), answering
 * with every item of the payment node. `executionTimeout` is the "Timeout Workflow" setting (s).
 */
export function batchWorkflow(options: {
	id: string;
	path: string;
	executionTimeout?: number;
	onError?: OnError;
}): WorkflowFile {
	const settings: Record<string, unknown> = { executionOrder: 'v1' };
	if (options.executionTimeout) settings.executionTimeout = options.executionTimeout;
	return {
		id: options.id,
		name: `Durable: batch webhook → ResMan payments (${options.id})`,
		active: false,
		nodes: [
			webhookNode(options.path),
			{
				id: randomUUID(),
				name: 'Split Out Payments',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [300, 0],
				parameters: { fieldToSplitOut: 'body.payments', include: 'noOtherFields', options: {} },
			},
			paymentNode('$json', options.onError),
		],
		connections: {
			[WEBHOOK_NODE]: { main: [[{ node: 'Split Out Payments', type: 'main', index: 0 }]] },
			'Split Out Payments': { main: [[{ node: PAYMENT_NODE, type: 'main', index: 0 }]] },
		},
		settings,
		pinData: {},
		tags: [],
	};
}

/** Webhook (one payment in the body, as a portal sends it) → ResMan Payment (Create). */
export function singleWorkflow(options: { id: string; path: string }): WorkflowFile {
	return {
		id: options.id,
		name: `Durable: portal webhook → ResMan payment (${options.id})`,
		active: false,
		nodes: [webhookNode(options.path), paymentNode('$json.body')],
		connections: {
			[WEBHOOK_NODE]: { main: [[{ node: PAYMENT_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

// ---------------------------------------------------------------------------------------------
// n8n

export const OWNER = {
	email: 'durable@propexo.local',
	firstName: 'Durable',
	lastName: 'Tester',
	password: 'Propexo-durable-1',
};

/** A fresh user folder under .n8n-local/ with the package linked as a community package. */
export function freshUserFolder(name: string): string {
	const userFolder = path.join(LOCAL_DIR, `durable-${name}`);
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	linkPackage(userFolder);
	return userFolder;
}

/** Imports the emulator's credential and the workflows with n8n's CLI (before `n8n start`). */
export async function importFixtures(options: {
	state: DurableState;
	userFolder: string;
	cliPort: number;
	workflows: WorkflowFile[];
	env?: Record<string, string>;
}): Promise<void> {
	const importDir = path.join(options.userFolder, 'import');
	mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	const credential = propexoCredential({
		...GOOD_CREDENTIAL,
		baseUrl: options.state.emulatorUrl,
		token: options.state.emulatorToken,
	});
	// The tests scale Propexo's one-minute window down to the emulator's; the node must know it.
	credential.data.rateLimitWindowSeconds = RATE_LIMIT_WINDOW_MS / 1000;
	writeFileSync(credentialFile, JSON.stringify([credential], null, 2));
	for (const workflow of options.workflows) {
		writeFileSync(
			path.join(importDir, 'workflows', `${workflow.id}.json`),
			JSON.stringify(workflow),
		);
	}
	const cli = { userFolder: options.userFolder, port: options.cliPort, env: options.env };
	for (const args of [
		['import:credentials', `--input=${credentialFile}`],
		['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`],
	]) {
		const result = await runN8n(args, cli);
		if (result.code !== 0)
			throw new Error(`n8n ${args[0]} failed:\n${result.stdout}${result.stderr}`);
	}
}

/** Starts an n8n process, its output appended to test-output/durable/<logName>.log. */
export async function startLogged(
	logName: string,
	options: Parameters<typeof startN8n>[0],
): Promise<N8nServer> {
	const logFile = path.join(OUTPUT_DIR, `${logName}.log`);
	mkdirSync(OUTPUT_DIR, { recursive: true });
	appendFileSync(logFile, `\n===== ${new Date().toISOString()} start\n`);
	const started = Date.now();
	const server = await startN8n({
		...options,
		onOutput: (text) => appendFileSync(logFile, text),
	});
	log(`${logName} ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
	return server;
}

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	finished?: boolean;
}

/** A logged-in session with n8n's REST API. */
export class Rest {
	private constructor(
		readonly url: string,
		private readonly cookie: string,
	) {}

	/** Sets up the owner (first time) and logs in. */
	static async open(url: string): Promise<Rest> {
		await setupOwner(url, OWNER);
		return new Rest(url, await login(url, OWNER.email, OWNER.password));
	}

	async request<T>(method: string, route: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${route}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	async activate(workflowId: string): Promise<void> {
		const workflow = await this.request<{ versionId: string }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		await this.request('POST', `/rest/workflows/${workflowId}/activate`, {
			versionId: workflow.versionId,
		});
	}

	/** The workflow's executions, newest first. */
	async executions(workflowId: string): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const page = await this.request<{ results: ExecutionSummary[] }>(
			'GET',
			`/rest/executions?filter=${filter}`,
		);
		return page.results.sort((a, b) => Number(b.id) - Number(a.id));
	}

	/** Waits for the workflow's newest execution that is in `status`. */
	async executionIn(workflowId: string, status: string): Promise<ExecutionSummary> {
		const deadline = Date.now() + 60_000;
		for (;;) {
			const found = (await this.executions(workflowId)).find((e) => e.status === status);
			if (found) return found;
			if (Date.now() > deadline) throw new Error(`no ${status} execution of ${workflowId}`);
			await sleep(200);
		}
	}

	/** The editor's Stop button on a running execution. */
	async stopExecution(executionId: string): Promise<{ status: string }> {
		return await this.request('POST', `/rest/executions/${executionId}/stop`);
	}

	/**
	 * The executions list's Retry: with the workflow as it was (`loadWorkflow` false) or as it is
	 * saved now (true). n8n answers when the retry has finished.
	 */
	async retry(executionId: string, loadWorkflow: boolean): Promise<ExecutionSummary> {
		return await this.request('POST', `/rest/executions/${executionId}/retry`, { loadWorkflow });
	}

	/**
	 * The editor's "Execute workflow" on a workflow that starts with a webhook: n8n listens on the
	 * test URL for one call, and the run it starts is a manual run.
	 */
	async listenForTestCall(workflowId: string, triggerName: string): Promise<void> {
		const answer = await this.request<{ waitingForWebhook?: boolean }>(
			'POST',
			`/rest/workflows/${workflowId}/run`,
			{ triggerToStartFrom: { name: triggerName } },
		);
		if (!answer.waitingForWebhook) {
			throw new Error(`n8n is not waiting for a test call: ${JSON.stringify(answer)}`);
		}
	}

	async staticData(workflowId: string): Promise<unknown> {
		const workflow = await this.request<{ staticData?: unknown }>(
			'GET',
			`/rest/workflows/${workflowId}`,
		);
		return workflow.staticData;
	}
}

export { webhookRegistered };

export interface Delivery {
	status: number;
	/** The payment node's items (the webhook answers with all of them), when it answered JSON. */
	items?: Array<Record<string, unknown>>;
	text: string;
}

/** Posts `body` to the production webhook, or to the test webhook of a manual run (`test`). */
export async function deliver(
	url: string,
	webhookPath: string,
	body: unknown,
	test = false,
): Promise<Delivery> {
	try {
		const response = await fetch(`${url}/${test ? 'webhook-test' : 'webhook'}/${webhookPath}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const text = await response.text();
		let items: Delivery['items'];
		try {
			const parsed = JSON.parse(text) as unknown;
			items = (Array.isArray(parsed) ? parsed : [parsed]) as Delivery['items'];
		} catch {
			items = undefined;
		}
		return { status: response.status, items, text };
	} catch (error) {
		return { status: 0, text: (error as Error).message };
	}
}

export type Outcome = 'posted' | 'skipped' | 'reported' | 'missing';

/**
 * What the payment node said about each payment: posted (a job ID), skipped (`skipped: true`),
 * reported (an error naming the item), or missing (no item for it: unaccounted for).
 */
export function account(sent: Payment[], delivery: Delivery): Outcome[] {
	return sent.map((payment, index) => {
		const item = delivery.status === 200 ? delivery.items?.[index] : undefined;
		if (!item) return 'missing';
		if (item.reference_number === payment.reference_number && item.skipped === true) {
			// A crash loses the job ID with the run's static data; n8n's database keeps the rest.
			return 'skipped';
		}
		if (item.reference_number === payment.reference_number && typeof item.job_id === 'string') {
			return 'posted';
		}
		if (failureOf({ json: item }).message) return 'reported';
		return 'missing';
	});
}

export function tally(outcomes: Outcome[]): Record<Outcome, number> {
	const counts: Record<Outcome, number> = { posted: 0, skipped: 0, reported: 0, missing: 0 };
	for (const outcome of outcomes) counts[outcome]++;
	return counts;
}

/** One scenario's own n8n: a fresh user folder with the fixtures imported, started on demand. */
export interface Scenario {
	userFolder: string;
	/** Starts n8n (again, after a stop or a kill) on the scenario's port. */
	start(): Promise<N8nServer>;
}

/** The n8n CLI of a scenario runs on `port + 2` (n8n's task broker takes `port + 1`). */
export async function prepareScenario(
	name: string,
	port: number,
	workflows: WorkflowFile[],
): Promise<Scenario> {
	const userFolder = freshUserFolder(name);
	await importFixtures({ state: readState(), userFolder, cliPort: port + 2, workflows });
	return { userFolder, start: () => startLogged(`${name}-n8n`, { userFolder, port }) };
}

/** Logs in, activates the workflow and waits until its production webhook answers. */
export async function activated(
	server: N8nServer,
	workflowId: string,
	webhookPath: string,
): Promise<Rest> {
	const rest = await Rest.open(server.url);
	await rest.activate(workflowId);
	await webhookRegistered(server.url, webhookPath);
	return rest;
}
