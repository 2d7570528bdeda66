/**
 * The ledger in n8n's processed-data store, under n8n's persistence rules (the harness follows
 * them): static data is saved only at the end of a production execution that was not cancelled
 * or timed out, never for a manual run; the processed-data store writes at once and is shared by
 * every process. Another node id stands for another process: same workflow and store, none of
 * this process's memory.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';
import {
	BATCH_URL,
	CREATE_BATCH_FROM_JSON,
	CREATE_CHARGE_FROM_JSON,
	PROPERTIES,
	chargePosts,
	chargesOf,
	residentsAt,
	runChargeNode,
	sampleCharge,
} from '../harness/chargeWorkflow';
import { processedData } from '../harness/processedData';
import { paymentPosts, runPaymentNode, samplePayment } from '../harness/paymentWorkflow';
import type { PaymentRunOptions } from '../harness/paymentWorkflow';
import {
	marksOf,
	currentSlot,
	IN_FLIGHT_SLOTS,
} from '../../nodes/shared/writes/ledger/durableLedger';
import { failureOf } from '../harness/account';
import { useEmulator, withEmulator } from '../harness/useEmulator';

let onRequest: (() => void) | undefined;

const emulator = useEmulator({
	rateLimit: false,
	writeStatusDelayMs: 50,
	onRequest: () => onRequest?.(),
});
beforeEach(() => {
	processedData.failing = false;
	processedData.undoNextRecords = 0;
	onRequest = undefined;
});

let counter = 0;
let processCounter = 0;

/** A saved workflow; each `run` may be in another process and may lose its static data. */
function savedWorkflow() {
	const workflowId = `durable-${++counter}`;
	const staticData: IDataObject = {};
	return {
		workflowId,
		staticData,
		run: (items: IDataObject[], options: Partial<PaymentRunOptions> = {}) =>
			runPaymentNode(emulator, {
				items,
				workflowId,
				staticData,
				mode: 'webhook',
				onError: 'continueErrorOutput',
				...options,
			}),
		/** A run in a process started afresh (a restart, another worker), static data lost. */
		runElsewhere: (items: IDataObject[], options: Partial<PaymentRunOptions> = {}) =>
			runPaymentNode(emulator, {
				items,
				workflowId,
				staticData: {},
				mode: 'webhook',
				onError: 'continueErrorOutput',
				process: `process-${++processCounter}`,
				...options,
			}),
	};
}

function payments(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, index) =>
		samplePayment({ reference_number: `${prefix}-${index}`, amount_in_cents: 1000 + index }),
	);
}

function recordedCount(reference: string): number {
	return emulator.ledger.filter((entry) => entry.payment.reference_number === reference).length;
}

function marksFor(workflowId: string, payment: IDataObject) {
	return marksOf('payment', {
		integrationId: String(payment.integration_id),
		batchId: String(payment.batch_id),
		referenceNumber: String(payment.reference_number),
		amountInCents: Number(payment.amount_in_cents),
		residentId: String(payment.resident_id),
	});
}

/** Writes marks into the workflow's store, as another process's run would have. */
async function storeHolds(workflowId: string, values: string[]) {
	await processedData.checkProcessedAndRecord(
		values,
		'workflow',
		{ workflow: { id: workflowId } } as never,
		{ mode: 'entries' },
	);
}

describe('the ledger survives what static data does not', () => {
	it('a run whose static data was never saved (n8n killed, timed out): the next run skips all', async () => {
		const workflow = savedWorkflow();
		const items = payments('KILLED', 6);
		const first = await workflow.run(items, { staticData: {} });
		expect(first.success).toHaveLength(6);

		const again = await workflow.runElsewhere(items);
		expect(again.errors).toEqual([]);
		expect(again.success.map((item) => item.json.skipped)).toEqual(Array(6).fill(true));
		expect(paymentPosts(emulator)).toHaveLength(6);
		for (const item of items) expect(recordedCount(String(item.reference_number))).toBe(1);
	});

	it('a manual test run is remembered: the production run after a restart skips it', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('MANUAL', 1);
		await workflow.run([payment], { mode: 'manual' });
		expect(workflow.staticData).toEqual({});

		const production = await workflow.runElsewhere([payment]);
		expect(production.success[0].json).toMatchObject({ skipped: true });
		expect(recordedCount('MANUAL-0')).toBe(1);
	});

	it('two processes receive the same payments 300 ms apart: each is posted once', async () => {
		const workflow = savedWorkflow();
		const items = payments('TWICE', 20);
		const [one, two] = await Promise.all([
			workflow.runElsewhere(items),
			new Promise((resolve) => setTimeout(resolve, 300)).then(
				async () => await workflow.runElsewhere(items),
			),
		]);
		for (const item of items) expect(recordedCount(String(item.reference_number))).toBe(1);
		const outcomes = [...one.success, ...two.success, ...one.errors, ...two.errors];
		expect(outcomes).toHaveLength(40);
		const skipped = outcomes.filter((item) => item.json.skipped === true);
		expect(skipped).toHaveLength(20);
		expect([...one.errors, ...two.errors]).toEqual([]);
	});

	it('a payment ResMan rejected (Wait for Confirmation, FAILURE) is posted again by the next run', async () => {
		const workflow = savedWorkflow();
		const failing = samplePayment({
			reference_number: 'REJECTED-1',
			resident_id: SEED.failingResidentId(SEED.primaryIntegrationId),
		});
		const parameters = {
			...(await import('../harness/paymentWorkflow')).CREATE_FROM_JSON,
			createOptions: { waitForConfirmation: true, confirmationTimeout: 5 },
		};
		const first = await workflow.run([failing], { parameters });
		expect(first.errors).toHaveLength(1);
		await workflow.runElsewhere([failing], { parameters });
		expect(paymentPosts(emulator)).toHaveLength(2);
	});
});

describe('a record claimed but never settled', () => {
	it('claimed long ago without an outcome (its process died): unknown, not sent', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('DIED', 1);
		const marks = marksFor(workflow.workflowId, payment);
		await storeHolds(workflow.workflowId, [
			marks.claimed,
			marks.unsettled,
			marks.identity,
			marks.claimedAt(currentSlot() - IN_FLIGHT_SLOTS - 3),
		]);

		const run = await workflow.runElsewhere([payment]);
		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(run.errors).toHaveLength(1);
		expect(failureOf(run.errors[0]).message).toMatch(/outcome is unknown/);
		expect(processedData.holds(workflow.workflowId, marks.unknown)).toBe(true);
	});

	it('claimed just now by another process: waits for its outcome, then skips it', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('INFLIGHT', 1);
		const marks = marksFor(workflow.workflowId, payment);
		await storeHolds(workflow.workflowId, [
			marks.claimed,
			marks.unsettled,
			marks.identity,
			marks.claimedAt(currentSlot()),
		]);
		const other = { workflow: { id: workflow.workflowId } } as never;
		setTimeout(() => {
			void processedData.removeProcessed([marks.unsettled], 'workflow', other);
		}, 600);

		const run = await workflow.runElsewhere([payment]);
		expect(run.errors).toEqual([]);
		expect(run.success[0].json).toMatchObject({ skipped: true });
		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(processedData.holds(workflow.workflowId, marks.unknown)).toBe(false);
	});

	it('claimed just now by another process that then did not send it: this run sends it', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('RELEASED', 1);
		const marks = marksFor(workflow.workflowId, payment);
		const claim = [marks.claimed, marks.unsettled, marks.identity, marks.claimedAt(currentSlot())];
		await storeHolds(workflow.workflowId, claim);
		const other = { workflow: { id: workflow.workflowId } } as never;
		setTimeout(() => {
			void processedData.removeProcessed(claim, 'workflow', other);
		}, 600);

		const run = await workflow.runElsewhere([payment]);
		expect(run.errors).toEqual([]);
		expect(run.success[0].json.skipped).toBeUndefined();
		expect(recordedCount('RELEASED-0')).toBe(1);
	});

	it('the same reference with another amount, known only to the store: a conflict, not sent', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('CONFLICT', 1);
		await workflow.run([payment], { staticData: {} });
		const changed = { ...payment, amount_in_cents: 99999 };
		const run = await workflow.runElsewhere([changed]);
		expect(failureOf(run.errors[0]).message).toMatch(/^Conflict: reference CONFLICT-0/);
		expect(recordedCount('CONFLICT-0')).toBe(1);
		// The probe's marks were taken back: the original still counts as the same payment.
		const repeat = await workflow.runElsewhere([payment]);
		expect(repeat.success[0].json).toMatchObject({ skipped: true });
	});
});

describe("n8n's database", () => {
	it('down before sending: nothing is sent, every item "Not sent"', async () => {
		const workflow = savedWorkflow();
		processedData.failing = true;
		const run = await workflow.run(payments('DBDOWN', 3));
		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(run.errors).toHaveLength(3);
		for (const item of run.errors)
			expect(failureOf(item).message).toMatch(/^Not sent: n8n's database/);
	});

	it("a claim undone by another process's write is made again before sending", async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('UNDONE', 1);
		const marks = marksFor(workflow.workflowId, payment);
		let claimedWhenSent: boolean | undefined;
		onRequest = () => (claimedWhenSent ??= processedData.holds(workflow.workflowId, marks.claimed));
		processedData.undoNextRecords = 1;
		const first = await workflow.run([payment], { staticData: {} });
		expect(first.success[0].json.skipped).toBeUndefined();
		expect(claimedWhenSent).toBe(true);

		const again = await workflow.runElsewhere([payment]);
		expect(again.success[0].json).toMatchObject({ skipped: true });
		expect(recordedCount('UNDONE-0')).toBe(1);
	});

	it('a claim is written before its payment leaves', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('BEFORE', 1);
		const marks = marksFor(workflow.workflowId, payment);
		let claimedWhenSent: boolean | undefined;
		onRequest = () => (claimedWhenSent ??= processedData.holds(workflow.workflowId, marks.claimed));
		await workflow.run([payment]);
		expect(claimedWhenSent).toBe(true);
		expect(processedData.holds(workflow.workflowId, marks.claimed)).toBe(true);
		expect(processedData.holds(workflow.workflowId, marks.unsettled)).toBe(false);
	});
});

describe('charges: the same ledger, charge by charge', () => {
	const [oakwood] = PROPERTIES;
	const charges = (prefix: string, count: number) =>
		residentsAt(oakwood)
			.slice(0, count)
			.map((residentId, n) =>
				sampleCharge({ resident_id: residentId, reference_number: `${prefix}-${n}` }),
			);
	const runCharges = (
		workflowId: string,
		items: IDataObject[],
		parameters: IDataObject,
		nodeId: string,
	) =>
		runChargeNode(emulator, {
			items,
			parameters,
			workflowId,
			staticData: {},
			mode: 'webhook',
			onError: 'continueErrorOutput',
			process: nodeId,
		});
	const chargeCount = (reference: string) =>
		emulator.chargeLedger.filter((entry) => entry.charge.reference_number === reference).length;

	it('Create: a restart loses static data, the next run skips every charge', async () => {
		const workflowId = `durable-charges-${++counter}`;
		const items = charges('CHG', 3);
		await runCharges(workflowId, items, CREATE_CHARGE_FROM_JSON, 'charge-a');
		const again = await runCharges(workflowId, items, CREATE_CHARGE_FROM_JSON, 'charge-b');
		expect(again.success.map((item) => item.json.skipped)).toEqual([true, true, true]);
		for (const item of items) expect(chargeCount(String(item.reference_number))).toBe(1);
	});

	it('Create in Batch: a charge already posted is taken out of the batch the next run sends', async () => {
		const workflowId = `durable-charges-${++counter}`;
		const items = charges('BCHG', 4);
		await runCharges(workflowId, items.slice(0, 2), CREATE_BATCH_FROM_JSON, 'batch-a');
		const again = await runCharges(workflowId, items, CREATE_BATCH_FROM_JSON, 'batch-b');
		expect(again.errors).toEqual([]);
		expect(again.success.map((item) => item.json.skipped ?? false)).toEqual([
			true,
			true,
			false,
			false,
		]);
		for (const item of items) expect(chargeCount(String(item.reference_number))).toBe(1);
		const lastBatch = chargePosts(emulator, BATCH_URL).at(-1);
		expect(chargesOf(lastBatch!).map((charge) => charge.reference_number)).toEqual([
			'BCHG-2',
			'BCHG-3',
		]);
	});
});

describe('late verdicts: a payment posted without Wait for Confirmation comes again', () => {
	const writeStatusReads = () =>
		emulator.requests.filter((request) => request.path.startsWith('/v1/admin/write-status/'));
	const settled = () => new Promise((resolve) => setTimeout(resolve, 200));

	it('ResMan failed its write job: it is posted again, and the output says so', async () => {
		const workflow = savedWorkflow();
		const failing = samplePayment({
			reference_number: 'LATE-FAILED',
			resident_id: SEED.failingResidentId(SEED.primaryIntegrationId),
		});
		const first = await workflow.run([failing]);
		expect(first.success).toHaveLength(1);
		await settled();

		const again = await workflow.run([failing]);
		expect(again.errors).toEqual([]);
		expect(again.success[0].json.skipped).toBeUndefined();
		expect(again.success[0].json.posted_again_after).toMatchObject({
			job_id: first.success[0].json.job_id,
		});
		expect(paymentPosts(emulator)).toHaveLength(2);
	});

	it('SUCCESS: skipped with the status, which is not read again by later runs', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('LATE-SUCCESS', 1);
		await workflow.run([payment]);
		await settled();

		const again = await workflow.run([payment]);
		expect(again.success[0].json).toMatchObject({ skipped: true, write_status: 'SUCCESS' });
		expect(writeStatusReads()).toHaveLength(1);
		const third = await workflow.run([payment]);
		expect(third.success[0].json).toMatchObject({ skipped: true });
		expect(writeStatusReads()).toHaveLength(1);
		expect(paymentPosts(emulator)).toHaveLength(1);
	});

	it('on one credential in one process: the status read does not wait for its own turn', async () => {
		const workflow = savedWorkflow();
		const [payment] = payments('LATE-SAME-CREDENTIAL', 1);
		const sameCredential = { credentialId: 'late-verdict-shared-credential' };
		await workflow.run([payment], sameCredential);
		await settled();
		const again = await workflow.run([payment], sameCredential);
		expect(again.success[0].json).toMatchObject({ skipped: true, write_status: 'SUCCESS' });
	}, 10_000);

	it('PENDING: skipped with the status', async () => {
		await withEmulator({ rateLimit: false, writeStatusDelayMs: 60_000 }, async (slow) => {
			const workflowId = `durable-${++counter}`;
			const staticData: IDataObject = {};
			const run = async () =>
				await runPaymentNode(slow, { items: payments('LATE-PENDING', 1), workflowId, staticData });
			await run();
			const again = await run();
			expect(again.success[0].json).toMatchObject({ skipped: true, write_status: 'PENDING' });
			expect(paymentPosts(slow)).toHaveLength(1);
		});
	});
});

describe('a ledger past its tested size', () => {
	it('forgets nothing, and the output and the notice say so', async () => {
		const workflow = savedWorkflow();
		const filler = Array.from({ length: 100_001 }, (_, n) => `filler-${n}`);
		await storeHolds(workflow.workflowId, filler);
		const [payment] = payments('FULL', 1);
		const run = await workflow.run([payment]);
		expect(run.success[0].json.ledger_notice).toMatch(/holds about 50002 records/);
		const again = await workflow.runElsewhere([payment]);
		expect(again.success[0].json).toMatchObject({ skipped: true });
		expect(processedData.holds(workflow.workflowId, 'filler-0')).toBe(true);
	});
});
