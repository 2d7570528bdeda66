/**
 * Reconcile through n8n's engine against the emulator: the ledger's payments of the period, each
 * with what became of it.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';
import { failureOf } from '../harness/account';
import { PAYMENT_NODE_TYPE } from '../harness/engine';
import { runPropexoNode } from '../harness/nodeWorkflow';
import { runPaymentNode, samplePayment } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ writeStatusDelayMs: 300, rateLimit: false });
let workflowCounter = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function saved() {
	return { workflowId: `reconcile-${++workflowCounter}`, staticData: {} as IDataObject };
}

async function post(workflow: ReturnType<typeof saved>, payments: IDataObject[]) {
	const run = await runPaymentNode(emulator, { items: payments, ...workflow, mode: 'webhook' });
	expect(run.success).toHaveLength(payments.length);
	return run;
}

async function reconcile(workflow: ReturnType<typeof saved>, onError?: 'continueRegularOutput') {
	return await runPropexoNode(
		emulator,
		{
			id: 'reconcile',
			type: PAYMENT_NODE_TYPE,
			name: 'Reconcile',
			inputName: 'Schedule',
			parameters: { operation: 'reconcile', reconcileDays: 1 },
		},
		{ items: [{}], ...workflow, mode: 'webhook', onError },
	);
}

test('one item per posted payment: in ResMan, rejected with the reasons, pending', async () => {
	const workflow = saved();
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	const accepted = samplePayment();
	const rejected = samplePayment({ resident_id: failing });
	await post(workflow, [accepted, rejected]);
	await sleep(400);
	const pending = samplePayment({ amount_in_cents: 777 });
	await post(workflow, [pending]);

	const { success } = await reconcile(workflow);
	const byReference = Object.fromEntries(
		success.map((item) => [item.json.reference_number, item.json]),
	);
	expect(success).toHaveLength(3);
	expect(byReference[accepted.reference_number as string]).toMatchObject({
		state: 'in ResMan',
		propexo_record_id: expect.any(String),
		synced_at: expect.any(String),
		model: 'resident_payments',
		batch_id: accepted.batch_id,
	});
	expect(byReference[rejected.reference_number as string]).toMatchObject({
		state: 'rejected',
		write_status: 'FAILURE',
		reasons: [expect.stringMatching(/Lease is not in a status/)],
	});
	expect(byReference[pending.reference_number as string]).toMatchObject({
		state: 'pending approval',
		write_status: 'PENDING',
		amount_in_cents: 777,
	});

	// Get Many with filters, not the whole list; one read per resident.
	const reads = emulator.requests.filter((r) => r.path === '/v1/resident-payments/');
	expect(reads.length).toBeLessThanOrEqual(2);
	for (const read of reads) {
		expect(read.query).toMatchObject({
			integration_id: SEED.primaryIntegrationId,
			resident_id: expect.any(String),
			updated_at_gte: expect.any(String),
		});
	}
});

test('accepted by ResMan: SUCCESS, not yet on the read side', async () => {
	const workflow = saved();
	const payment = samplePayment();
	await post(workflow, [payment]);
	await sleep(400);
	// The read side answers without the record, as before the property manager approved it.
	emulator.injectFaults(
		{ method: 'GET', path: '/v1/resident-payments/' },
		{ kind: 'status', status: 200, body: { meta: { hasMore: false }, results: [] } },
	);
	const { success } = await reconcile(workflow);
	expect(success[0].json).toMatchObject({ state: 'accepted by ResMan', write_status: 'SUCCESS' });
});

test('a read that fails is an error item naming the payment', async () => {
	const workflow = saved();
	const payment = samplePayment();
	await post(workflow, [payment]);
	const fault = { kind: 'status' as const, status: 500 };
	emulator.injectFaults({ method: 'GET', path: '/v1/resident-payments/' }, fault, fault, fault);
	const { success } = await reconcile(workflow, 'continueRegularOutput');
	expect(failureOf(success[0])).toMatchObject({
		reference_number: payment.reference_number,
		batch_id: payment.batch_id,
		job_id: expect.stringMatching(/^job-/),
	});
});

test('nothing posted in the period: no items', async () => {
	const { success } = await reconcile(saved());
	expect(success).toHaveLength(0);
});
