/**
 * The Ledger resource: a user who checked ResMan resolves an unknown payment from the editor
 * (a manual run of a Ledger node in the same workflow), and "Skip Already Posted" stays on.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { failureOf } from '../harness/account';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

let counter = 0;
let processCounter = 0;

const fromItem = (field: string) => `={{ $json.${field} }}`;

function ledgerParameters(operation: string, more: IDataObject = {}): IDataObject {
	return {
		resource: 'ledger',
		operation,
		integrationId: { __rl: true, mode: 'id', value: fromItem('integration_id') },
		batchId: fromItem('batch_id'),
		referenceNumber: fromItem('reference_number'),
		amountInCents: fromItem('amount_in_cents'),
		residentId: { __rl: true, mode: 'id', value: fromItem('resident_id') },
		...more,
	};
}

function workflow() {
	const workflowId = `ledger-resource-${++counter}`;
	const staticData: IDataObject = {};
	return {
		/** A production run of the Create node, in a process of its own. */
		post: (items: IDataObject[]) =>
			runPaymentNode(emulator, {
				items,
				workflowId,
				staticData,
				mode: 'webhook',
				onError: 'continueErrorOutput',
				process: `ledger-process-${++processCounter}`,
			}),
		/** A Ledger node run by hand from the editor: its static data is never saved. */
		ledger: (operation: string, items: IDataObject[], more: IDataObject = {}) =>
			runPaymentNode(emulator, {
				items,
				workflowId,
				staticData,
				mode: 'manual',
				nodeId: 'ledger-node',
				parameters: ledgerParameters(operation, more),
				onError: 'continueErrorOutput',
			}),
	};
}

const recorded = (reference: string) =>
	emulator.ledger.filter((entry) => entry.payment.reference_number === reference).length;

/** Posts the payment with its connection dropped after Propexo recorded it: unknown. */
async function unknownPayment(flow: ReturnType<typeof workflow>, reference: string) {
	const payment = samplePayment({ reference_number: reference });
	emulator.injectFaults({ method: 'POST', path: PAYMENT_URL }, { kind: 'drop-after' });
	const first = await flow.post([payment]);
	expect(failureOf(first.errors[0]).message).toMatch(/may have been recorded/);
	const blocked = await flow.post([payment]);
	expect(failureOf(blocked.errors[0]).message).toMatch(/outcome is unknown/);
	return payment;
}

describe('Ledger → Mark as Recorded / Not Recorded', () => {
	it('an unknown payment found in ResMan: Mark as Recorded, and the next run skips it', async () => {
		const flow = workflow();
		const payment = await unknownPayment(flow, 'LEDGER-FOUND');
		const marked = await flow.ledger('markRecorded', [payment]);
		expect(marked.errors).toEqual([]);
		expect(marked.success[0].json).toMatchObject({
			reference_number: 'LEDGER-FOUND',
			previous_state: 'unknown',
			ledger_state: 'posted',
		});

		const again = await flow.post([payment]);
		expect(again.errors).toEqual([]);
		expect(again.success[0].json).toMatchObject({ skipped: true });
		expect(recorded('LEDGER-FOUND')).toBe(1);
	});

	it('an unknown payment not in ResMan: Mark as Not Recorded, and the next run posts it', async () => {
		const flow = workflow();
		const payment = samplePayment({ reference_number: 'LEDGER-LOST' });
		emulator.injectFaults({ method: 'POST', path: PAYMENT_URL }, { kind: 'drop-before' });
		const first = await flow.post([payment]);
		expect(failureOf(first.errors[0]).message).toMatch(/may have been recorded/);
		expect(recorded('LEDGER-LOST')).toBe(0);

		const marked = await flow.ledger('markNotRecorded', [payment]);
		expect(marked.success[0].json).toMatchObject({
			previous_state: 'unknown',
			ledger_state: 'not recorded',
		});
		const again = await flow.post([payment]);
		expect(again.errors).toEqual([]);
		expect(again.success[0].json.skipped).toBeUndefined();
		expect(recorded('LEDGER-LOST')).toBe(1);
	});
});

describe('Ledger → Look Up', () => {
	it('says posted, unknown, not recorded, or recorded with another amount', async () => {
		const flow = workflow();
		const posted = samplePayment({ reference_number: 'LOOK-POSTED' });
		await flow.post([posted]);
		const unknown = await unknownPayment(flow, 'LOOK-UNKNOWN');
		const never = samplePayment({ reference_number: 'LOOK-NEVER' });
		const otherAmount = { ...posted, amount_in_cents: 1 };

		const looked = await flow.ledger('lookUp', [posted, unknown, never, otherAmount]);
		expect(looked.success.map((item) => item.json.ledger_state)).toEqual([
			'posted',
			'unknown',
			'not recorded',
			'recorded with another amount or resident',
		]);
		// Looking changes nothing: the payment never posted is posted by the next run.
		const next = await flow.post([never, posted]);
		expect(next.success.map((item) => item.json.skipped ?? false)).toEqual([false, true]);
		expect(
			paymentPosts(emulator).filter(
				(post) => (post.body as IDataObject).reference_number === 'LOOK-NEVER',
			),
		).toHaveLength(1);
	});

	it('refuses a bad amount before touching the ledger, per item', async () => {
		const flow = workflow();
		const looked = await flow.ledger('lookUp', [samplePayment({ amount_in_cents: 12.5 })]);
		expect(failureOf(looked.errors[0]).message).toMatch(/Amount in Cents/);
	});
});

describe('Ledger → Get Many', () => {
	it('lists what the workflow remembers, filtered by state', async () => {
		const flow = workflow();
		await flow.post([samplePayment({ reference_number: 'LIST-POSTED' })]);
		await unknownPayment(flow, 'LIST-UNKNOWN');
		const all = await flow.ledger('getMany', [{}], { ledgerStates: ['posted', 'unknown'] });
		expect(
			all.success.map((item) => [item.json.reference_number, item.json.ledger_state]).sort(),
		).toEqual([
			['LIST-POSTED', 'posted'],
			['LIST-UNKNOWN', 'unknown'],
		]);
		const unknownOnly = await flow.ledger('getMany', [{}], { ledgerStates: ['unknown'] });
		expect(unknownOnly.success.map((item) => item.json.reference_number)).toEqual(['LIST-UNKNOWN']);
	});
});
