/**
 * The Propexo Trigger in a real n8n: activating the workflow registers its webhook with the
 * emulator; ResMan rejecting a payment the workflow's Payment node posted comes back as one signed
 * Write Failed delivery, which starts one execution naming that payment; a tampered delivery and
 * a redelivery start none; deactivating deletes the webhook.
 */
import { randomUUID } from 'node:crypto';

import { SEED } from '../emulator';
import { N8nRest } from './n8n-api';
import { readState } from './state';
import { portalPaymentWorkflow, webhookRegistered } from './workflows';

const state = readState();
const PATH = `propexo-trigger-${Date.now()}`;
const TRIGGER = 'Propexo Trigger';
const PAYMENT_NODE = 'ResMan Payment';
const TRIGGER_WEBHOOK_ID = randomUUID();
const HOOK_URL = `${state.n8nUrl}/webhook/${TRIGGER_WEBHOOK_ID}/webhook`;

interface Created {
	id: string;
	versionId: string;
}

interface EmulatorWebhooks {
	webhooks: Array<{
		id: string;
		url: string;
		active: boolean;
		secret: string;
		triggers: Array<{ trigger: string }>;
	}>;
	deliveries: Array<{
		webhookId: string;
		body: string;
		signature: string;
		attempts: Array<{ status: number }>;
	}>;
}

function workflow() {
	const portal = portalPaymentWorkflow({
		name: 'E2E: Propexo Trigger names the payment ResMan rejected',
		path: PATH,
		paymentNode: PAYMENT_NODE,
		credential: state.credentials.good,
	});
	const trigger = {
		id: randomUUID(),
		name: TRIGGER,
		type: 'n8n-nodes-propexo.propexoTrigger',
		typeVersion: 1,
		position: [0, 300],
		webhookId: TRIGGER_WEBHOOK_ID,
		credentials: { propexoApi: state.credentials.good },
		parameters: { events: ['WRITE_OPERATION_FAILURE'] },
	};
	return { ...portal, nodes: [...portal.nodes, trigger] };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
	what: string,
	check: () => Promise<T | undefined>,
	ms = 60_000,
): Promise<T> {
	const deadline = Date.now() + ms;
	for (;;) {
		const found = await check();
		if (found !== undefined) return found;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await sleep(250);
	}
}

async function emulatorWebhooks(): Promise<EmulatorWebhooks> {
	return (await (
		await fetch(`${state.emulatorUrl}/__emulator/webhooks`)
	).json()) as EmulatorWebhooks;
}

async function control(path: string, body: unknown): Promise<void> {
	const response = await fetch(`${state.emulatorUrl}/__emulator/${path}`, {
		method: 'POST',
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`POST /__emulator/${path}: ${response.status}`);
}

/** n8n's execution data is stored "flatted": a list whose strings point at other entries. */
function unflatten(text: string): unknown {
	const input = JSON.parse(text) as unknown[];
	const revived = new Map<number, unknown>();
	const revive = (index: number): unknown => {
		if (revived.has(index)) return revived.get(index);
		const value = input[index];
		if (typeof value !== 'object' || value === null) return value;
		const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
		revived.set(index, copy);
		for (const [key, inner] of Object.entries(value)) {
			(copy as Record<string, unknown>)[key] =
				typeof inner === 'string' ? revive(Number(inner)) : inner;
		}
		return copy;
	};
	return revive(0);
}

interface RunData {
	resultData: {
		runData: Record<
			string,
			Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }>> } }>
		>;
	};
}

async function executions(rest: N8nRest, workflowId: string) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const page = await rest.request<{ results: Array<{ id: string; status: string }> }>(
		'GET',
		`/rest/executions?filter=${filter}`,
	);
	return page.results;
}

/** The items the trigger output in each finished execution it started. */
async function triggerOutputs(rest: N8nRest, workflowId: string) {
	const outputs: Array<Array<Record<string, unknown>>> = [];
	for (const { id, status } of await executions(rest, workflowId)) {
		if (status === 'running' || status === 'new') continue;
		const execution = await rest.request<{ data: string }>('GET', `/rest/executions/${id}`);
		const run = unflatten(execution.data) as RunData;
		const trigger = run.resultData.runData[TRIGGER];
		if (trigger) outputs.push((trigger[0].data?.main?.[0] ?? []).map((item) => item.json));
	}
	return outputs;
}

describe(`n8n ${state.n8nVersion}: the Propexo Trigger`, () => {
	let rest: N8nRest;
	let created: Created;

	beforeAll(async () => {
		// Propexo's verdict comes long after the post: here 3 s, once n8n has saved the ledger.
		await control('webhooks/settings', {
			eventDelayMs: 3000,
			retryIntervalMs: 2000,
			maxRetries: 3,
		});
		rest = await N8nRest.login(state);
		created = await rest.request<Created>('POST', '/rest/workflows', workflow());
		await rest.request('POST', `/rest/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
	});

	afterAll(async () => {
		await control('webhooks/settings', {
			eventDelayMs: 0,
			retryIntervalMs: 900_000,
			maxRetries: 10,
		});
	});

	test('activating the workflow registers an active webhook with a generated secret', async () => {
		const hook = await until('the webhook registration', async () =>
			(await emulatorWebhooks()).webhooks.find((h) => h.url === HOOK_URL),
		);
		expect(hook.active).toBe(true);
		expect(hook.triggers.map((t) => t.trigger)).toEqual(['WRITE_OPERATION_FAILURE']);
		expect(hook.secret.length).toBeGreaterThanOrEqual(32);
	});

	test('a signed Write Failed for a payment the workflow posted starts one execution naming it', async () => {
		await webhookRegistered(state.n8nUrl, PATH);
		const reference = `E2E-TRIGGER-${Date.now()}`;
		const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
		const response = await fetch(`${state.n8nUrl}/webhook/${PATH}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				integration_id: SEED.primaryIntegrationId,
				resident_id: failing,
				payment_type: 'Check',
				amount_in_cents: 98765,
				transaction_date: '2026-11-25T14:30:00Z',
				reference_number: reference,
				batch_id: 'e2e-trigger',
				description: 'November rent',
				notes: 'rejected by ResMan',
			}),
		});
		const posted = (await response.json()) as { job_id: string };
		expect(posted.job_id).toMatch(/^job-/);

		const started = Date.now();
		const delivery = await until('the delivery', async () =>
			(await emulatorWebhooks()).deliveries.find(
				(d) => d.body.includes(posted.job_id) && d.attempts.some((a) => a.status === 200),
			),
		);
		const outputs = await until('the trigger execution', async () => {
			const found = await triggerOutputs(rest, created.id);
			return found.length > 0 ? found : undefined;
		});
		process.stdout.write(`[e2e] Write Failed to execution output: ${Date.now() - started} ms\n`);
		expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
		expect(outputs).toEqual([
			[
				expect.objectContaining({
					event: 'WRITE_OPERATION_FAILURE',
					job_id: posted.job_id,
					reference_number: reference,
					batch_id: 'e2e-trigger',
					amount_in_cents: 98765,
					resident_id: failing,
					errors: [expect.stringMatching(/Lease is not in a status/)],
					ledger_state: 'not recorded',
					previous_state: 'posted',
				}),
			],
		]);

		const saved = await rest.request<{ staticData?: unknown }>(
			'GET',
			`/rest/workflows/${created.id}`,
		);
		// The trigger's execution saved the static data over the webhook's: the delivery is in it.
		expect(JSON.stringify(saved.staticData)).toContain(String(outputs[0][0].delivery_id));
		// A tampered copy is refused; the same delivery again starts nothing.
		const tampered = await fetch(HOOK_URL, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'propexo-signature': delivery.signature },
			body: delivery.body.replace('rejected', 'accepted').replace(posted.job_id, 'job-forged'),
		});
		expect(tampered.status).toBe(401);
		const unsigned = await fetch(HOOK_URL, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: delivery.body,
		});
		expect(unsigned.status).toBe(401);
		const again = await fetch(HOOK_URL, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'propexo-signature': delivery.signature },
			body: delivery.body,
		});
		expect(again.status).toBe(200);
		await sleep(3000);
		expect(await triggerOutputs(rest, created.id)).toHaveLength(1);
	});

	test('deactivating the workflow deletes the webhook', async () => {
		await rest.request('POST', `/rest/workflows/${created.id}/deactivate`, {});
		await until('the webhook deletion', async () =>
			(await emulatorWebhooks()).webhooks.some((h) => h.url === HOOK_URL) ? undefined : true,
		);
	});
});
