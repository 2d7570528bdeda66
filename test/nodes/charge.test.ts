import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';
import {
	CHARGE_NODE_TYPE,
	CREATE_CHARGE_FROM_JSON,
	PROPERTIES,
	chargePosts,
	runChargeNode,
	sampleCharge,
} from '../harness/chargeWorkflow';
import { failureOf } from '../harness/account';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

/** The nine fields Propexo's single-charge endpoint takes, in its order. */
function body(charge: IDataObject): IDataObject {
	return {
		integration_id: charge.integration_id,
		resident_id: charge.resident_id,
		charge_code_id: charge.charge_code_id,
		batch_id: charge.batch_id,
		transaction_date: new Date(String(charge.transaction_date)).toISOString(),
		description: charge.description,
		notes: charge.notes,
		amount_in_cents: charge.amount_in_cents,
		reference_number: charge.reference_number,
	};
}

describe('Create: a successful post', () => {
	it('sends exactly the documented JSON body and outputs the job id with the echoed fields', async () => {
		const charge = sampleCharge({ reference_number: 'RENT-0001' });
		const { success, errors, error } = await runChargeNode(emulator, { items: [charge] });

		expect(error).toBeUndefined();
		expect(errors).toEqual([]);
		expect(chargePosts(emulator)).toHaveLength(1);
		expect(chargePosts(emulator)[0].body).toEqual(body(charge));
		expect(emulator.chargeLedger).toHaveLength(1);
		expect(success).toHaveLength(1);
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expect(success[0].json).toEqual({ job_id: emulator.chargeLedger[0].jobId, ...body(charge) });
	});

	it('posts one charge per input item, each output paired with its input', async () => {
		const items = [1, 2, 3].map((n) =>
			sampleCharge({ reference_number: `RENT-MULTI-${n}`, amount_in_cents: n * 1000 }),
		);
		const { success } = await runChargeNode(emulator, { items });

		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(success.map((item) => item.json.reference_number)).toEqual(
			items.map((item) => item.reference_number),
		);
		expect(chargePosts(emulator)).toHaveLength(3);
		expect(new Set(success.map((item) => item.json.job_id)).size).toBe(3);
	});

	it('accepts picked values: integration, property, resident and charge code from the lists', async () => {
		const [oakwoodCommons] = PROPERTIES;
		const lateFee = SEED.chargeCodeId(oakwoodCommons, 'LATEFEE');
		const { success, error } = await runChargeNode(emulator, {
			items: [{}],
			timezone: 'America/Chicago',
			parameters: {
				resource: 'charge',
				operation: 'create',
				integrationId: { __rl: true, mode: 'list', value: SEED.primaryIntegrationId },
				propertyId: { __rl: true, mode: 'list', value: oakwoodCommons },
				residentId: { __rl: true, mode: 'list', value: SEED.primaryResidentId },
				chargeCodeId: { __rl: true, mode: 'list', value: lateFee },
				amountInCents: '={{ "7500" }}',
				transactionDate: '2026-12-06T00:00:00',
				referenceNumber: 'LATE-2026-12-111',
				batchId: 'late-fees-2026-12',
				description: 'Late fee – December rent',
				notes: 'Rent unpaid on the 5th',
			},
		});

		expect(error).toBeUndefined();
		expect(success).toHaveLength(1);
		// The property only narrows the lists: it is not sent.
		expect(chargePosts(emulator)[0].body).toEqual({
			integration_id: SEED.primaryIntegrationId,
			resident_id: SEED.primaryResidentId,
			charge_code_id: lateFee,
			batch_id: 'late-fees-2026-12',
			// Midnight in Chicago (UTC-6 in December) is 06:00 UTC.
			transaction_date: '2026-12-06T06:00:00.000Z',
			description: 'Late fee – December rent',
			notes: 'Rent unpaid on the 5th',
			amount_in_cents: 7500,
			reference_number: 'LATE-2026-12-111',
		});
	});
});

describe('Create: bad input is stopped before anything is sent', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['an empty charge code', { charge_code_id: '' }, /Charge Code: is empty \[item 0\]/],
		['an empty notes field', { notes: '' }, /Notes: is empty \[item 0\]/],
		['a fractional amount', { amount_in_cents: 12.5 }, /Amount in Cents: "12.5" is not/],
		['a zero amount', { amount_in_cents: 0 }, /Amount in Cents: "0" is not/],
		['an unparseable date', { transaction_date: 'soon' }, /Transaction Date: "soon"/],
	];

	it.each(cases)('%s fails the item with a message naming the field', async (_, bad, message) => {
		const { error, success } = await runChargeNode(emulator, { items: [sampleCharge(bad)] });

		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent for this item/);
		expect(success).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each([
		['a negative number', -2500],
		['a negative text', ' -2500 '],
	])(
		'refuses a credit given as %s, saying credits are not confirmed writable',
		async (_, amount) => {
			const { error } = await runChargeNode(emulator, {
				items: [sampleCharge({ amount_in_cents: amount })],
			});

			expect(error?.message).toBe('Amount in Cents: -2500 is negative (a credit) [item 0]');
			expect(error?.description).toMatch(
				/Credits \(negative charges\) are not confirmed to be writable through Propexo's ResMan charge endpoints/,
			);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('sends none of the items when one is invalid and the node stops on errors', async () => {
		const items = [sampleCharge(), sampleCharge({ amount_in_cents: -1 }), sampleCharge()];
		const { error } = await runChargeNode(emulator, { items });

		expect(error?.message).toMatch(/\[item 1\]/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with "Continue (using error output)" routes bad items to the error output and posts the rest', async () => {
		const items = [
			sampleCharge({ reference_number: 'GOOD-1' }),
			sampleCharge({ reference_number: 'CREDIT', amount_in_cents: -500 }),
			sampleCharge({ reference_number: 'GOOD-2' }),
		];
		const { success, errors } = await runChargeNode(emulator, {
			items,
			onError: 'continueErrorOutput',
		});

		expect(success.map((item) => item.json.reference_number)).toEqual(['GOOD-1', 'GOOD-2']);
		expect(errors.map((item) => [item.json.reference_number, item.pairedItem])).toEqual([
			['CREDIT', { item: 1 }],
		]);
		expect(chargePosts(emulator)).toHaveLength(2);
	});
});

describe('Create: Validate Only', () => {
	it('outputs the exact body of each charge and sends nothing', async () => {
		const items = [sampleCharge(), sampleCharge()];
		const { success, error } = await runChargeNode(emulator, {
			items,
			parameters: { ...CREATE_CHARGE_FROM_JSON, createOptions: { validateOnly: true } },
		});

		expect(error).toBeUndefined();
		expect(success.map((item) => item.json)).toEqual(items.map(body));
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Create: errors from Propexo', () => {
	it("shows Propexo's message for a charge code of another property, with the item", async () => {
		const [, bartonCreek] = PROPERTIES;
		const items = [
			sampleCharge(),
			sampleCharge({ charge_code_id: SEED.chargeCodeId(bartonCreek, 'RENT') }),
		];
		const { success, errors } = await runChargeNode(emulator, {
			items,
			onError: 'continueErrorOutput',
		});

		expect(success).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(failureOf(errors[0]).message).toMatch(
			/^Propexo rejected the charge \(reference .*\): Charge code .* was not found for the resident's property/,
		);
		expect(failureOf(errors[0]).details).toMatch(/Nothing was recorded/);
		expect(emulator.chargeLedger).toHaveLength(1);
	});

	it('never resends a charge whose answer was a 503 after it was recorded', async () => {
		emulator.injectFaults({ method: 'POST' }, { kind: 'status-after', status: 503 });
		const { errors } = await runChargeNode(emulator, {
			items: [sampleCharge({ reference_number: 'FAULTY' })],
			onError: 'continueErrorOutput',
			settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 },
		});

		expect(errors).toHaveLength(1);
		expect(failureOf(errors[0]).message).toMatch(
			/server error \(503\) — the charge \(reference FAULTY\) may have been recorded/,
		);
		expect(failureOf(errors[0]).details).toMatch(/Write Status → Get/);
		expect(chargePosts(emulator)).toHaveLength(1);
		expect(emulator.chargeLedger).toHaveLength(1);
	});
});

describe('Create: Skip Already Posted', () => {
	it('skips, in a later execution of the same workflow, a charge the first one posted', async () => {
		const shared = { workflowId: 'monthly-rent', staticData: {} as IDataObject };
		const charge = sampleCharge({ reference_number: 'RENT-ONCE' });
		const first = await runChargeNode(emulator, { items: [charge], ...shared });
		const second = await runChargeNode(emulator, {
			items: [charge, sampleCharge({ reference_number: 'RENT-NEW' })],
			...shared,
		});

		expect(first.success[0].json.job_id).toEqual(expect.any(String));
		expect(second.error).toBeUndefined();
		expect(second.success[0].json).toMatchObject({
			reference_number: 'RENT-ONCE',
			job_id: first.success[0].json.job_id,
			skipped: true,
		});
		expect(second.success[1].json.skipped).toBeUndefined();
		expect(
			chargePosts(emulator).map((post) => (post.body as IDataObject).reference_number),
		).toEqual(['RENT-ONCE', 'RENT-NEW']);
	});
});

it('registers the node type under the package name', () => {
	expect(CHARGE_NODE_TYPE).toBe('n8n-nodes-propexo.propexoResmanCharge');
});
