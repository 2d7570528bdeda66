/**
 * The Propexo Trigger in n8n's engine against the emulator: activation registers a webhook, the
 * emulator's signed deliveries reach the node over real HTTP, and the node decides what starts
 * an execution.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED, signBody } from '../emulator';
import { paymentPosts, runPaymentNode, samplePayment } from '../harness/paymentWorkflow';
import type { DeliveryResult, TriggerSetup } from '../harness/trigger';
import { TRIGGER_NODE, activate, deactivate, deliver } from '../harness/trigger';
import { useEmulator } from '../harness/useEmulator';
import { useReceiver } from '../harness/useReceiver';

let setup: TriggerSetup;
let workflowCounter = 0;
/** What each delivery the emulator sent did in "n8n". */
const results: DeliveryResult[] = [];

const WRITE_FAILED = ['WRITE_OPERATION_FAILURE'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emulator = useEmulator({
	writeStatusDelayMs: 50,
	rateLimit: false,
	webhooks: { retryIntervalMs: 50, maxRetries: 2 },
});
const receiver = useReceiver(async ({ body, headers }) => {
	const strings = Object.fromEntries(
		Object.entries(headers).map(([key, value]) => [key, String(value)]),
	);
	try {
		const result = await deliver(setup, body, strings);
		results.push(result);
		return result.status;
	} catch (error) {
		results.push({ status: 500, answer: (error as Error).message } as DeliveryResult);
		return 500;
	}
});
beforeEach(() => {
	results.length = 0;
	setup = newSetup({ events: WRITE_FAILED });
});

function newSetup(parameters: IDataObject): TriggerSetup {
	return {
		emulator,
		parameters,
		workflowId: `trigger-workflow-${++workflowCounter}`,
		staticData: {},
		webhookBase: `${receiver.url}/webhook`,
	};
}

function registration(): IDataObject {
	return (setup.staticData[`node:${TRIGGER_NODE}`] ?? {}) as IDataObject;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(10);
	}
}

function signed(body: unknown, secret = String(registration().secret)) {
	const raw = JSON.stringify(body);
	return { raw, headers: { 'Propexo-Signature': signBody(secret, raw) } };
}

const failure = (rootJobId: string) => ({
	trigger: 'WRITE_OPERATION_FAILURE',
	data: {
		event: 'WRITE_OPERATION_FAILURE',
		integration_id: SEED.primaryIntegrationId,
		vendor: 'RESMAN',
		root_job_id: rootJobId,
		write_status: 'FAILURE',
		errors: ['Failed to write resident transaction: Duplicate transaction ID'],
	},
});

describe('lifecycle', () => {
	test('activation registers an active webhook with a generated secret; deactivation deletes it', async () => {
		const { created, url } = await activate(setup);
		expect(created).toBe(true);
		const hooks = [...emulator.webhooks.hooks.values()];
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toMatchObject({ url, active: true });
		expect(hooks[0].triggers.map((t) => t.trigger)).toEqual(WRITE_FAILED);
		expect(registration()).toMatchObject({ webhookId: hooks[0].id, secret: hooks[0].secret });
		expect(String(registration().secret).length).toBeGreaterThanOrEqual(32);

		expect(await activate(setup)).toMatchObject({ exists: true, created: false });
		expect(emulator.webhooks.hooks.size).toBe(1);

		expect(await deactivate(setup)).toBe(true);
		expect(emulator.webhooks.hooks.size).toBe(0);
		expect(registration().webhookId).toBeUndefined();
	});

	test('a webhook deleted on Propexo’s side is created again on the next activation', async () => {
		await activate(setup);
		const first = registration().webhookId;
		emulator.webhooks.hooks.clear();
		const again = await activate(setup);
		expect(again).toMatchObject({ exists: false, created: true });
		expect(registration().webhookId).not.toBe(first);
		expect(emulator.webhooks.hooks.size).toBe(1);
	});

	test('New Record registers the chosen model; Sync Complete also means FIRST_SYNC_COMPLETE', async () => {
		setup = newSetup({ events: ['DATA_NEW', 'SYNC_COMPLETE'], model: 'resident_charges' });
		await activate(setup);
		const [hook] = emulator.webhooks.hooks.values();
		expect(hook.triggers).toEqual([
			expect.objectContaining({ trigger: 'DATA_NEW', model: 'resident_charges' }),
			expect.objectContaining({ trigger: 'SYNC_COMPLETE', model: null }),
			expect.objectContaining({ trigger: 'FIRST_SYNC_COMPLETE', model: null }),
		]);
	});
});

describe('signatures', () => {
	beforeEach(async () => {
		await activate(setup);
	});

	test('a valid delivery starts an execution; a tampered or unsigned one gets 401 and none', async () => {
		const { raw, headers } = signed(failure('job-unknown'));
		const valid = await deliver(setup, raw, headers);
		expect(valid.run).toBeDefined();
		expect(valid.items).toHaveLength(1);

		const tampered = await deliver(setup, raw.replace('Duplicate', 'Triplicate'), headers);
		expect([tampered.status, tampered.run]).toEqual([401, undefined]);
		const unsigned = await deliver(setup, signed(failure('job-x')).raw, {});
		expect([unsigned.status, unsigned.run]).toEqual([401, undefined]);
		const otherSecret = signed(failure('job-y'), 'another-secret-0123456789');
		const wrongSecret = await deliver(setup, otherSecret.raw, otherSecret.headers);
		expect([wrongSecret.status, wrongSecret.run]).toEqual([401, undefined]);
	});

	test('a signature over the re-serialised JSON is accepted too (unconfirmed which Propexo signs)', async () => {
		const body = failure('job-reserialised');
		const raw = JSON.stringify(body, null, 2);
		const headers = {
			'propexo-signature': signBody(String(registration().secret), JSON.stringify(body)),
		};
		const result = await deliver(setup, raw, headers);
		expect(result.items).toHaveLength(1);
	});

	test('a signature of another length is refused without throwing', async () => {
		const { raw } = signed(failure('job-short'));
		expect(await deliver(setup, raw, { 'propexo-signature': 'abc' })).toMatchObject({
			status: 401,
		});
	});
});

describe('envelopes, filters and redeliveries', () => {
	beforeEach(async () => {
		setup = newSetup({
			events: ['WRITE_OPERATION_FAILURE', 'SYNC_COMPLETE'],
			integrationId: { __rl: true, mode: 'id', value: SEED.primaryIntegrationId },
		});
		await activate(setup);
	});

	test('{ trigger, data } and flat deliveries give the same item', async () => {
		const wrapped = failure('job-envelope');
		const flat = { ...wrapped.data, extra: 1 };
		const a = await deliver(setup, signed(wrapped).raw, signed(wrapped).headers);
		const b = await deliver(setup, signed(flat).raw, signed(flat).headers);
		const { delivery_id: _a, ...fromWrapped } = a.items[0];
		const { delivery_id: _b, extra, ...fromFlat } = b.items[0];
		expect(extra).toBe(1);
		expect(fromFlat).toEqual(fromWrapped);
		expect(fromWrapped).toMatchObject({
			event: 'WRITE_OPERATION_FAILURE',
			root_job_id: 'job-envelope',
		});
	});

	test('events not chosen, and other integrations, start nothing', async () => {
		const job = { ...failure('job-other').data, event: 'JOB_FAILURE' };
		expect((await deliver(setup, signed(job).raw, signed(job).headers)).run).toBeUndefined();
		const other = { ...failure('job-other').data, integration_id: 'another-integration' };
		expect((await deliver(setup, signed(other).raw, signed(other).headers)).run).toBeUndefined();
	});

	test('the same delivery again starts no execution', async () => {
		const { raw, headers } = signed(failure('job-twice'));
		expect((await deliver(setup, raw, headers)).items).toHaveLength(1);
		const again = await deliver(setup, raw, headers);
		expect(again.run).toBeUndefined();
		expect(again.status).toBe(200);
	});

	test('a redelivery the static data lost is still not output again (n8n’s processed-data store)', async () => {
		const { raw, headers } = signed(failure('job-lost'));
		expect((await deliver(setup, raw, headers)).items).toHaveLength(1);
		// An execution that loaded the static data before saves it over this delivery's record.
		delete registration().deliveries;
		const again = await deliver(setup, raw, headers);
		expect(again.run).toBeDefined();
		expect(again.items).toHaveLength(0);
	});

	test('the emulator’s redelivery after a non-2xx answer is not a second event', async () => {
		emulator.webhooks.emit('SYNC_COMPLETE', { integration_id: SEED.primaryIntegrationId });
		await until(() => results.length === 1);
		// As if n8n's answer had been lost: Propexo sends the same delivery again.
		const [sent] = emulator.webhooks.deliveries;
		const again = await deliver(setup, sent.body, { 'propexo-signature': sent.signature });
		expect(results[0].items).toHaveLength(1);
		expect(again.run).toBeUndefined();
	});
});

describe('Write Failed names the payment this workflow posted', () => {
	test('ResMan rejects a posted payment: one execution with its reference, batch, amount, resident, job and errors; the ledger lets it be posted again', async () => {
		await activate(setup);
		const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
		const payment = samplePayment({ resident_id: failing, amount_in_cents: 4321 });
		const posted = await runPaymentNode(emulator, {
			items: [payment],
			workflowId: setup.workflowId,
			staticData: setup.staticData,
			mode: 'webhook',
		});
		const jobId = posted.success[0].json.job_id as string;
		expect(jobId).toMatch(/^job-/);

		await until(() => results.length === 1);
		expect(results[0].items).toEqual([
			expect.objectContaining({
				event: 'WRITE_OPERATION_FAILURE',
				model: 'resident_payments',
				job_id: jobId,
				root_job_id: jobId,
				reference_number: payment.reference_number,
				batch_id: payment.batch_id,
				amount_in_cents: 4321,
				resident_id: failing,
				errors: [expect.stringMatching(/Lease is not in a status/)],
				previous_state: 'posted',
				ledger_state: 'not recorded',
			}),
		]);

		// Propexo delivers it again: the execution's save kept the delivery, so nothing starts.
		const [sent] = emulator.webhooks.deliveries;
		const redelivered = await deliver(setup, sent.body, { 'propexo-signature': sent.signature });
		expect(redelivered.run).toBeUndefined();

		const again = await runPaymentNode(emulator, {
			items: [payment],
			workflowId: setup.workflowId,
			staticData: setup.staticData,
			mode: 'webhook',
		});
		expect(again.success[0].json.skipped).toBeUndefined();
		expect(paymentPosts(emulator)).toHaveLength(2);
	});

	test('a job the ledger does not know comes out as Propexo sent it', async () => {
		await activate(setup);
		const { raw, headers } = signed(failure('job-not-ours'));
		const [item] = (await deliver(setup, raw, headers)).items;
		expect(item).toEqual({ ...failure('job-not-ours').data, delivery_id: expect.any(String) });
	});
});
