/**
 * "Skip Already Posted" in a real n8n: an active Webhook → Create workflow receives the same
 * payment twice on its production URL (as a payment portal that delivers at least once), and
 * Propexo records it once.
 */
import { N8nRest } from './n8n-api';
import { ledger, readState } from './state';
import { portalPaymentWorkflow, webhookRegistered } from './workflows';

const state = readState();
const PATH = `propexo-ledger-${Date.now()}`;
const PAYMENT_NODE = 'ResMan Payment';

interface Created {
	id: string;
	versionId: string;
}

function workflow() {
	return portalPaymentWorkflow({
		name: 'E2E: portal webhook → ResMan payment, posted once',
		path: PATH,
		paymentNode: PAYMENT_NODE,
		credential: state.credentials.good,
	});
}

async function deliver(payment: Record<string, unknown>): Promise<Record<string, unknown>> {
	const response = await fetch(`${state.n8nUrl}/webhook/${PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(payment),
	});
	const text = await response.text();
	if (response.status !== 200) throw new Error(`webhook answered ${response.status}: ${text}`);
	return JSON.parse(text) as Record<string, unknown>;
}

async function seededPayment(reference: string): Promise<Record<string, unknown>> {
	const seed = (await (await fetch(`${state.emulatorUrl}/__emulator/seed`)).json()) as {
		primaryIntegrationId: string;
		primaryResidentId: string;
	};
	return {
		integration_id: seed.primaryIntegrationId,
		resident_id: seed.primaryResidentId,
		payment_type: 'Credit Card',
		amount_in_cents: 12500,
		transaction_date: '2026-11-25T14:30:00Z',
		reference_number: reference,
		batch_id: 'portal-e2e-ledger',
		description: 'November rent',
		notes: 'Paid through the resident portal',
	};
}

describe(`n8n ${state.n8nVersion}: an active webhook workflow posts a repeated payment once`, () => {
	let rest: N8nRest;
	let created: Created;

	beforeAll(async () => {
		rest = await N8nRest.login(state);
		created = await rest.request<Created>('POST', '/rest/workflows', workflow());
		await rest.request('POST', `/rest/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
		await webhookRegistered(state.n8nUrl, PATH);
	});

	afterAll(async () => {
		await rest.request('POST', `/rest/workflows/${created.id}/deactivate`, {});
	});

	test('the same webhook delivered twice is recorded once; the second answer says skipped', async () => {
		const reference = `E2E-WEBHOOK-${Date.now()}`;
		const payment = await seededPayment(reference);
		const first = await deliver(payment);
		const second = await deliver(payment);

		const recorded = (await ledger(state)).filter(
			(entry) => entry.payment.reference_number === reference,
		);
		expect(recorded).toHaveLength(1);
		expect(first).toMatchObject({ reference_number: reference, job_id: recorded[0].jobId });
		expect(first.skipped).toBeUndefined();
		expect(second).toMatchObject({ skipped: true, job_id: recorded[0].jobId });
	});

	test('a payment with another reference number is recorded', async () => {
		const reference = `E2E-WEBHOOK-OTHER-${Date.now()}`;
		const answer = await deliver(await seededPayment(reference));

		const recorded = (await ledger(state)).filter(
			(entry) => entry.payment.reference_number === reference,
		);
		expect(recorded).toHaveLength(1);
		expect(answer.skipped).toBeUndefined();
	});

	test("n8n saved the ledger in the workflow's static data", async () => {
		const saved = await rest.request<{ staticData?: Record<string, unknown> }>(
			'GET',
			`/rest/workflows/${created.id}`,
		);
		expect(JSON.stringify(saved.staticData ?? {})).toContain('postedLedger');
	});
});
