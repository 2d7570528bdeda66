import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';
import { PAYMENT_NODE_TYPE, testCredential } from '../harness/engine';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
} from '../harness/paymentWorkflow';
import { failureOf } from '../harness/account';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

describe('Create: a successful post', () => {
	it('sends exactly the documented JSON body and outputs the job id with the echoed fields', async () => {
		const payment = samplePayment({ reference_number: 'PMT-0001', amount_in_cents: 12500 });
		const { success, errors, error } = await runPaymentNode(emulator, { items: [payment] });

		expect(error).toBeUndefined();
		expect(errors).toEqual([]);
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(paymentPosts(emulator)[0].body).toEqual({
			integration_id: SEED.primaryIntegrationId,
			resident_id: SEED.primaryResidentId,
			payment_type: 'Check',
			batch_id: 'portal-2026-11-25',
			transaction_date: '2026-11-25T14:30:00.000Z',
			description: 'November rent',
			notes: 'Paid through the resident portal',
			amount_in_cents: 12500,
			reference_number: 'PMT-0001',
		});
		expect(emulator.ledger).toHaveLength(1);
		expect(success).toHaveLength(1);
		expect(success[0].pairedItem).toEqual({ item: 0 });
		expect(success[0].json).toEqual({
			job_id: emulator.ledger[0].jobId,
			...(paymentPosts(emulator)[0].body as object),
		});
	});

	it('posts one payment per input item, each output paired with its input', async () => {
		const items = [1, 2, 3, 4, 5].map((n) =>
			samplePayment({ reference_number: `PMT-MULTI-${n}`, amount_in_cents: n * 1000 }),
		);
		const { success } = await runPaymentNode(emulator, { items });

		expect(success.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(success.map((item) => item.json.reference_number)).toEqual(
			items.map((item) => item.reference_number),
		);
		expect(emulator.ledger.map((entry) => entry.payment.reference_number).sort()).toEqual(
			items.map((item) => item.reference_number).sort(),
		);
	});

	it('accepts fixed values, the date picker format in the workflow time zone, and digit strings', async () => {
		const { success, error } = await runPaymentNode(emulator, {
			items: [{}],
			timezone: 'America/Chicago',
			parameters: {
				operation: 'create',
				integrationId: { __rl: true, mode: 'id', value: SEED.primaryIntegrationId },
				residentId: { __rl: true, mode: 'list', value: SEED.primaryResidentId },
				paymentType: 'Money Order',
				amountInCents: '={{ "4550" }}',
				transactionDate: '2026-01-15T09:15:00',
				referenceNumber: 'MO-77',
				batchId: 'front-desk',
				description: 'January rent',
				notes: 'Money order at the front desk',
			},
		});

		expect(error).toBeUndefined();
		expect(success).toHaveLength(1);
		expect(paymentPosts(emulator)[0].body).toMatchObject({
			payment_type: 'Money Order',
			amount_in_cents: 4550,
			// 09:15 in Chicago (UTC-6 in January) is 15:15 UTC.
			transaction_date: '2026-01-15T15:15:00.000Z',
		});
	});
});

describe('Create: bad input is stopped before anything is sent', () => {
	const cases: Array<[string, IDataObject, RegExp]> = [
		['an empty required field', { notes: '' }, /Notes: is empty \[item 0\]/],
		['a blank reference number', { reference_number: '   ' }, /Reference Number: is empty/],
		['a fractional amount', { amount_in_cents: 12.5 }, /Amount in Cents: "12.5" is not/],
		['a text amount', { amount_in_cents: 'abc' }, /Amount in Cents: "abc" is not/],
		['a zero amount', { amount_in_cents: 0 }, /Amount in Cents: "0" is not/],
		['a negative amount', { amount_in_cents: -5 }, /Amount in Cents: "-5" is not/],
		['an exponent amount', { amount_in_cents: '1e3' }, /Amount in Cents: "1e3" is not/],
		[
			'an unparseable date',
			{ transaction_date: 'next Tuesday' },
			/Transaction Date: "next Tuesday"/,
		],
		['an impossible date', { transaction_date: '2026-02-30' }, /Transaction Date: "2026-02-30"/],
		['an unknown payment type', { payment_type: 'Wire' }, /Payment Type: "Wire" is not a ResMan/],
	];

	it.each(cases)('%s fails the item with a message naming the field', async (_, bad, message) => {
		const { error, success } = await runPaymentNode(emulator, { items: [samplePayment(bad)] });

		expect(error?.message).toMatch(message);
		expect(error?.description).toMatch(/Nothing was sent for this item/);
		expect(success).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it('sends none of the items when one item is invalid and the node stops on errors', async () => {
		const items = [
			samplePayment(),
			samplePayment(),
			samplePayment({ amount_in_cents: 'abc' }),
			samplePayment(),
		];
		const { error } = await runPaymentNode(emulator, { items });

		expect(error?.message).toMatch(/Amount in Cents: "abc" is not .* \[item 2\]/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with "Continue (using error output)" routes bad items to the error output and posts the rest', async () => {
		const items = [
			samplePayment({ reference_number: 'GOOD-1' }),
			samplePayment({ reference_number: 'BAD-1', payment_type: 'Bitcoin' }),
			samplePayment({ reference_number: 'GOOD-2' }),
			samplePayment({ reference_number: 'BAD-2', amount_in_cents: -5 }),
		];
		const { success, errors, error } = await runPaymentNode(emulator, {
			items,
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(success.map((item) => [item.json.reference_number, item.pairedItem])).toEqual([
			['GOOD-1', { item: 0 }],
			['GOOD-2', { item: 2 }],
		]);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 1 }, { item: 3 }]);
		// n8n merges the failed input into the error item, so the user sees which payment failed.
		expect(errors.map((item) => item.json.reference_number)).toEqual(['BAD-1', 'BAD-2']);
		expect(failureOf(errors[0]).message).toMatch(/Payment Type: "Bitcoin"/);
		expect(failureOf(errors[1]).message).toMatch(/Amount in Cents: "-5"/);
		expect(emulator.ledger.map((entry) => entry.payment.reference_number).sort()).toEqual([
			'GOOD-1',
			'GOOD-2',
		]);
		expect(paymentPosts(emulator)).toHaveLength(2);
	});

	it('with "Continue" (regular output) keeps every item, errors included, paired', async () => {
		const items = [samplePayment(), samplePayment({ notes: '' })];
		const { success, error } = await runPaymentNode(emulator, {
			items,
			onError: 'continueRegularOutput',
		});

		expect(error).toBeUndefined();
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(success[0].json.job_id).toEqual(expect.any(String));
		expect(failureOf(success[1]).message).toMatch(/Notes: is empty \[item 1\]/);
		expect(emulator.ledger).toHaveLength(1);
	});
});

describe('Create: errors from Propexo', () => {
	it("shows Propexo's own message for a 400, with the item index", async () => {
		const items = [samplePayment(), samplePayment({ resident_id: 'no-such-resident' })];
		const { errors } = await runPaymentNode(emulator, { items, onError: 'continueErrorOutput' });

		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(errors[0].json.resident_id).toBe('no-such-resident');
		expect(failureOf(errors[0]).message).toMatch(
			/^Propexo rejected the payment \(reference .*\): .*resident/i,
		);
		expect(failureOf(errors[0]).details).toMatch(/Nothing was recorded/);
		expect(emulator.ledger).toHaveLength(1);
	});

	it('carries the item index on a 400 when the node stops on errors', async () => {
		const items = [samplePayment(), samplePayment({ resident_id: 'no-such-resident' })];
		const { error } = await runPaymentNode(emulator, { items });

		expect(error).toMatchObject({ httpCode: '400', context: { itemIndex: 1 } });
		expect(error?.message).toMatch(/was not found/);
	});

	it('says to check the token and environment on a 401, and never shows the token', async () => {
		const { error, run } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			credential: { accessToken: 'wrong-token-abc123' },
		});

		expect(error?.message).toMatch(/Propexo refused the access token \(401\)/);
		expect(error?.description).toMatch(/Access Token and the Environment/);
		expect(JSON.stringify(run)).not.toContain('wrong-token-abc123');
		expect(emulator.ledger).toHaveLength(0);
	});

	it('fails a run at the first Propexo error and does not send the items after it', async () => {
		const items = [
			samplePayment({ reference_number: 'FIRST' }),
			samplePayment({ resident_id: 'no-such-resident' }),
			...[1, 2, 3, 4, 5, 6].map((n) => samplePayment({ reference_number: `LATER-${n}` })),
		];
		const { error } = await runPaymentNode(emulator, { items });

		expect(error?.message).toMatch(/Propexo rejected the payment/);
		// Without rate-limit headers the node sends one request at a time, so the run stops
		// right after item 1 and no LATER payment leaves.
		expect(paymentPosts(emulator)).toHaveLength(2);
		expect(emulator.ledger.map((entry) => entry.payment.reference_number)).toEqual(['FIRST']);
	});
});

describe('Propexo API credential', () => {
	it('passes the test with the right token', async () => {
		const result = await testCredential('propexoApi', {
			accessToken: emulator.token,
			environment: 'custom',
			baseUrl: `${emulator.url}/`,
		});
		expect(result).toEqual({ status: 'OK' });
		expect(emulator.requests).toEqual([
			expect.objectContaining({
				method: 'GET',
				path: '/v1/admin/integrations/',
				query: { limit: '1' },
				status: 200,
			}),
		]);
	});

	it('fails the test with a wrong token', async () => {
		const result = await testCredential('propexoApi', {
			accessToken: 'not-the-token',
			environment: 'custom',
			baseUrl: emulator.url,
		});
		expect(result).toMatchObject({ status: 'Error', httpCode: '401' });
	});
});

it('registers the node type under the package name', () => {
	expect(PAYMENT_NODE_TYPE).toBe('n8n-nodes-propexo.propexoResmanPayment');
	expect(CREATE_FROM_JSON.operation).toBe('create');
});
