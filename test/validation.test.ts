/**
 * Input checks of Create (issue #9's validation gaps) and the Validate Only option, through
 * n8n's engine: what is refused, what is accepted, and exactly what is sent.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from './emulator';
import { SEED, startEmulator } from './emulator';
import { pairedIndexes, failureOf } from './harness/account';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
} from './harness/paymentWorkflow';

let emulator: Emulator;

beforeAll(async () => {
	emulator = await startEmulator({ rateLimit: false, writeStatusDelayMs: 50 });
});
afterAll(async () => await emulator.close());
beforeEach(() => emulator.reset());

/** Runs one item per case in "Continue (regular output)": each case's output, by input order. */
async function outcomesOf(items: IDataObject[], parameters: IDataObject = CREATE_FROM_JSON) {
	const { success, error } = await runPaymentNode(emulator, {
		items,
		parameters,
		onError: 'continueRegularOutput',
	});
	expect(error).toBeUndefined();
	expect(pairedIndexes(success)).toEqual(items.map((_, index) => index));
	// Each item's json, with its error's message and details (if any) in place of the object.
	return success.map(
		(item): IDataObject => ({
			...item.json,
			error: failureOf(item).message,
			details: failureOf(item).details,
		}),
	);
}

describe('Transaction Date: four-digit years from 1900 to 2100', () => {
	const refused = [
		'1899-12-31T23:59:59Z',
		'1899-12-31',
		'2101-01-01T00:00:00Z',
		'2101-01-01',
		'0026-11-25',
		'0026-11-25T10:00:00Z',
		'0999-01-01T00:00:00',
		'+002026-11-25T00:00:00Z',
		'26-11-25',
	];

	it.each(refused)('refuses %s, naming the field and the range', async (date) => {
		const [outcome] = await outcomesOf([samplePayment({ transaction_date: date })]);

		expect(outcome.error).toBe(
			`Transaction Date: "${date}" is not a date between 1900 and 2100 [item 0]`,
		);
		expect(paymentPosts(emulator)).toHaveLength(0);
	});

	it('accepts the first and the last day of the range', async () => {
		const outcomes = await outcomesOf([
			samplePayment({ transaction_date: '1900-01-01T00:00:00Z' }),
			samplePayment({ transaction_date: '2100-12-31' }),
		]);

		expect(outcomes.map((outcome) => outcome.error)).toEqual([undefined, undefined]);
		expect(
			paymentPosts(emulator).map((post) => (post.body as IDataObject).transaction_date),
		).toEqual(['1900-01-01T00:00:00.000Z', '2100-12-31T00:00:00.000Z']);
	});
});

describe('Payment Type', () => {
	it('accepts " credit card " and sends "Credit Card"', async () => {
		const [outcome] = await outcomesOf([samplePayment({ payment_type: ' credit card ' })]);

		expect(outcome.error).toBeUndefined();
		expect(outcome.payment_type).toBe('Credit Card');
		expect((paymentPosts(emulator)[0].body as IDataObject).payment_type).toBe('Credit Card');
	});

	it('accepts every spelling of the eight types regardless of case', async () => {
		const spellings = [
			'ach',
			'CASH',
			'cashiers check',
			'check',
			'DEBIT card',
			'echeck',
			'money ORDER',
		];
		const outcomes = await outcomesOf(
			spellings.map((type) => samplePayment({ payment_type: type })),
		);

		expect(outcomes.map((outcome) => outcome.payment_type)).toEqual([
			'ACH',
			'Cash',
			'Cashiers Check',
			'Check',
			'Debit Card',
			'eCheck',
			'Money Order',
		]);
	});
});

describe('numbers where text is expected', () => {
	it('sends a whole number such as 12345 as the text "12345"', async () => {
		const [outcome] = await outcomesOf([
			samplePayment({ reference_number: 12345, batch_id: 2026, description: 7, notes: 0 }),
		]);

		expect(outcome.error).toBeUndefined();
		expect(paymentPosts(emulator)[0].body).toMatchObject({
			reference_number: '12345',
			batch_id: '2026',
			description: '7',
			notes: '0',
		});
	});

	const unsafe: Array<[string, IDataObject, string]> = [
		['Reference Number', { reference_number: 12345678901234567890 }, '12345678901234567000'],
		['Resident', { resident_id: 12345678901234567890 }, '12345678901234567000'],
		['Batch ID', { batch_id: 9007199254740993 }, '9007199254740992'],
	];

	it.each(unsafe)(
		'refuses a %s that is not a safe integer and says to map it as text',
		async (label, change, shown) => {
			const [outcome] = await outcomesOf([samplePayment(change)]);

			expect(outcome.error).toBe(
				`${label}: ${shown} is a number that cannot be used as an ID [item 0]`,
			);
			expect(outcome.details).toMatch(new RegExp(`Map "${label}" as text`));
			expect(paymentPosts(emulator)).toHaveLength(0);
		},
	);
});

describe('an expression that returns an object or a list', () => {
	const cases: Array<[string, IDataObject, string]> = [
		['Notes', { notes: { text: 'paid' } }, 'is an object, not a single value'],
		['Notes', { notes: [] }, 'is a list, not a single value'],
		['Description', { description: ['November', 'rent'] }, 'is a list, not a single value'],
		['Reference Number', { reference_number: { id: 'PMT-1' } }, 'is an object, not a single value'],
		['Batch ID', { batch_id: ['b1'] }, 'is a list, not a single value'],
		[
			'Resident',
			{ resident_id: { id: SEED.primaryResidentId } },
			'is an object, not a single value',
		],
		[
			'Integration',
			{ integration_id: [SEED.primaryIntegrationId] },
			'is a list, not a single value',
		],
		['Payment Type', { payment_type: { name: 'Check' } }, 'is an object, not a single value'],
		['Amount in Cents', { amount_in_cents: [12500] }, 'is a list, not a single value'],
		[
			'Transaction Date',
			{ transaction_date: { date: '2026-11-25' } },
			'is an object, not a single value',
		],
	];

	it.each(cases)('%s: says what it is, not "is empty"', async (label, change, what) => {
		const [outcome] = await outcomesOf([samplePayment(change)]);

		expect(outcome.error).toBe(`${label}: ${what} [item 0]`);
		expect(outcome.error).not.toMatch(/is empty/);
		expect(paymentPosts(emulator)).toHaveLength(0);
	});

	it('an empty text or null is still "is empty"', async () => {
		const outcomes = await outcomesOf([
			samplePayment({ notes: null }),
			samplePayment({ description: '' }),
		]);

		expect(outcomes.map((outcome) => outcome.error)).toEqual([
			'Notes: is empty [item 0]',
			'Description: is empty [item 1]',
		]);
	});
});

describe('Validate Only', () => {
	// Caught a bug, fixed on main (b65a120): the outcomes array had holes for the valid items, so
	// Validate Only failed with a TypeError in stop mode and output nothing in Continue modes.
	const validateOnly = { ...CREATE_FROM_JSON, createOptions: { validateOnly: true } };

	function varied(prefix: string): IDataObject[] {
		return [
			samplePayment({ reference_number: `${prefix}-1`, payment_type: ' money order ' }),
			samplePayment({ reference_number: `${prefix}-2`, amount_in_cents: '4550' }),
			samplePayment({ reference_number: 12345, transaction_date: '2026-01-15T09:15:00' }),
			samplePayment({ reference_number: `${prefix}-4`, transaction_date: '2026-07-01' }),
		];
	}

	it('outputs exactly the body a real run sends, per item, and sends nothing', async () => {
		const items = varied('VALIDATE');
		const checked = await runPaymentNode(emulator, {
			items,
			parameters: validateOnly,
			timezone: 'America/Chicago',
		});

		expect(checked.error).toBeUndefined();
		expect(emulator.requests).toHaveLength(0);
		expect(pairedIndexes(checked.success)).toEqual([0, 1, 2, 3]);

		const real = await runPaymentNode(emulator, { items, timezone: 'America/Chicago' });
		expect(real.error).toBeUndefined();
		expect(checked.success.map((item) => item.json)).toEqual(
			paymentPosts(emulator).map((post) => post.body),
		);
	});

	it.each(['continueErrorOutput', 'continueRegularOutput'] as const)(
		'with "%s": the valid items output their body, the bad one its error',
		async (onError) => {
			const items = varied('VALIDATE-BAD');
			items[1].amount_in_cents = 12.5;
			const { success, errors, error } = await runPaymentNode(emulator, {
				items,
				parameters: validateOnly,
				onError,
			});

			expect(error).toBeUndefined();
			const all = [...success, ...errors];
			expect(pairedIndexes(all).sort()).toEqual([0, 1, 2, 3]);
			const failed = all.filter((item) => item.json.error !== undefined);
			expect(pairedIndexes(failed)).toEqual([1]);
			expect(failureOf(failed[0]).message).toMatch(/^Amount in Cents: "12.5" is not/);
			const bodies = all.filter((item) => item.json.error === undefined);
			expect(bodies.map((item) => item.json.reference_number)).toEqual([
				'VALIDATE-BAD-1',
				'12345',
				'VALIDATE-BAD-4',
			]);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('in stop mode a bad item stops the check, naming it', async () => {
		const items = varied('VALIDATE-STOP');
		items[2].notes = '';
		const { error } = await runPaymentNode(emulator, { items, parameters: validateOnly });

		expect(error?.message).toBe('Notes: is empty [item 2]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('remembers nothing: a real run afterwards posts every item', async () => {
		const workflowId = 'validate-then-post';
		const staticData: IDataObject = {};
		const items = varied('VALIDATE-LEDGER');
		await runPaymentNode(emulator, { items, parameters: validateOnly, workflowId, staticData });
		const real = await runPaymentNode(emulator, { items, workflowId, staticData });

		expect(real.success.map((item) => item.json.skipped)).toEqual(Array(4).fill(undefined));
		expect(emulator.ledger).toHaveLength(4);
	});
});
