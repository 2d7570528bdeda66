/**
 * The README's webhook example in a real n8n, as shipped: imported from examples/, activated, and
 * called the way a payment portal calls it, with ResMan's resident ID. The node looks the resident
 * up in Propexo and posts the payment to that Propexo resident.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { N8nRest } from './n8n-api';
import { ledger, readState } from './state';

const state = readState();
const EXAMPLE = path.resolve(__dirname, '../../examples/portal-webhook-to-resman.json');
const NODE_TYPE = 'n8n-nodes-propexo.propexoResmanPayment';

interface Workflow {
	name: string;
	nodes: Array<{ type: string; parameters: Record<string, unknown> } & Record<string, unknown>>;
}

interface Created {
	id: string;
	versionId: string;
}

async function emulatorGet<T>(url: string): Promise<T> {
	const response = await fetch(`${state.emulatorUrl}${url}`, {
		headers: { Authorization: `Bearer ${state.emulatorToken}` },
	});
	if (!response.ok) throw new Error(`GET ${url}: ${response.status}`);
	return (await response.json()) as T;
}

function webhookPath(workflow: Workflow): string {
	const webhook = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	return String(webhook?.parameters.path);
}

async function webhookRegistered(url: string): Promise<void> {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const text = await (await fetch(url)).text();
		if (/POST request/.test(text)) return;
		if (Date.now() > deadline) throw new Error(`the webhook was never registered: ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

describe(`n8n ${state.n8nVersion}: the webhook example posts a payment for ResMan's resident ID`, () => {
	const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Workflow;
	const url = `${state.n8nUrl}/webhook/${webhookPath(example)}`;
	let rest: N8nRest;
	let created: Created;

	beforeAll(async () => {
		rest = await N8nRest.login(state);
		const nodes = example.nodes.map((node) =>
			node.type === NODE_TYPE
				? { ...node, credentials: { propexoApi: state.credentials.good } }
				: node,
		);
		created = await rest.request<Created>('POST', '/rest/workflows', {
			...example,
			name: `${example.name} (e2e resident)`,
			nodes,
		});
		await rest.request('POST', `/rest/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
		await webhookRegistered(url);
	});

	afterAll(async () => {
		await rest.request('POST', `/rest/workflows/${created.id}/deactivate`, {});
	});

	test('the portal sends resman_resident_id; the payment is recorded for that resident', async () => {
		const seed = await emulatorGet<{ primaryIntegrationId: string; primaryResidentId: string }>(
			'/__emulator/seed',
		);
		const resident = (
			await emulatorGet<{ results: { id: string; x_id: string } }>(
				`/v1/residents/${seed.primaryResidentId}`,
			)
		).results;
		const reference = `E2E-RESIDENT-${Date.now()}`;
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				integration_id: seed.primaryIntegrationId,
				resman_resident_id: resident.x_id,
				method: 'card',
				amount_cents: 98700,
				paid_at: '2026-11-26T09:00:00Z',
				transaction_id: reference,
				description: 'November rent',
			}),
		});
		const answer = (await response.json()) as Record<string, unknown>;

		expect(response.status).toBe(200);
		const recorded = (await ledger(state)).filter(
			(entry) => entry.payment.reference_number === reference,
		);
		expect(recorded).toHaveLength(1);
		expect(recorded[0].payment).toMatchObject({
			resident_id: resident.id,
			payment_type: 'Credit Card',
			amount_in_cents: 98700,
		});
		expect(answer).toMatchObject({
			job_id: recorded[0].jobId,
			resident_id: resident.id,
			resident_lookup: { mode: 'resmanId', value: resident.x_id, resident_id: resident.id },
			write_status: 'SUCCESS',
		});
	});

	test('an unknown ResMan resident ID goes to the error output; nothing is recorded', async () => {
		const seed = await emulatorGet<{ primaryIntegrationId: string }>('/__emulator/seed');
		const reference = `E2E-RESIDENT-UNKNOWN-${Date.now()}`;
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				integration_id: seed.primaryIntegrationId,
				resman_resident_id: 'NOT-A-RESMAN-RESIDENT',
				method: 'ach',
				amount_cents: 1000,
				paid_at: '2026-11-26T09:00:00Z',
				transaction_id: reference,
			}),
		});
		const answer = (await response.json()) as { error?: { message?: string } };

		expect(response.status).toBe(200);
		expect(answer.error?.message).toContain('"NOT-A-RESMAN-RESIDENT"');
		const recorded = (await ledger(state)).filter(
			(entry) => entry.payment.reference_number === reference,
		);
		expect(recorded).toHaveLength(0);
	});
});
