/**
 * "Stop Workflow" (the default On Error): bad input sends nothing, a failure while sending stops
 * the run with an account of every item, and that account matches what Propexo recorded.
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../emulator';
import {
	accountedItems,
	countsByReference,
	pairedIndexes,
	parseAccount,
	failureOf,
} from '../harness/account';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });
beforeEach(() => {
	emulator.setRateLimit(false);
});

function makeItems(prefix: string, count = 10): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({
		...samplePayment({ reference_number: `${prefix}-${n}`, amount_in_cents: 2000 + n }),
		n,
	}));
}

function expectEachOnce() {
	const { recorded, sent } = countsByReference(emulator);
	for (const [reference, count] of [...recorded, ...sent]) {
		expect([reference, count]).toEqual([reference, 1]);
	}
}

describe('bad input in stop mode: nothing is sent at all', () => {
	const bad: Array<[string, IDataObject, RegExp]> = [
		['an amount of 12.5', { amount_in_cents: 12.5 }, /^Amount in Cents: "12.5" is not a positive/],
		['an empty Notes', { notes: '' }, /^Notes: is empty \[item 5\]$/],
		['a blank reference', { reference_number: '  ' }, /^Reference Number: is empty \[item 5\]$/],
		['a year before 1900', { transaction_date: '1899-12-31' }, /^Transaction Date: "1899-12-31"/],
	];

	it.each(bad)('%s on item 5 of 10', async (_, change, message) => {
		const items = makeItems(`BADIN-${Object.keys(change)[0]}`);
		Object.assign(items[5], change);
		const { error, success, errors } = await runPaymentNode(emulator, { items });

		expect(error?.message).toMatch(message);
		expect(error).toMatchObject({ context: { itemIndex: 5 } });
		expect(error?.description).toMatch(/Nothing was sent for this item/);
		expect(success).toEqual([]);
		expect(errors).toEqual([]);
		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(emulator.requests).toHaveLength(0);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({
			total: 10,
			postedCount: 0,
			invalidCount: 1,
			invalidItems: [5],
			notSentCount: 9,
			notSentItems: [0, 1, 2, 3, 4, 6, 7, 8, 9],
		});
	});

	it('reports the first bad item and counts every bad one', async () => {
		const items = makeItems('BADIN-TWO');
		items[3].payment_type = 'Wire';
		items[7].amount_in_cents = 0;
		const { error } = await runPaymentNode(emulator, { items });

		expect(error?.message).toMatch(
			/^Payment Type: "Wire" is not a ResMan payment type \[item 3\]$/,
		);
		expect(parseAccount(error?.description)).toMatchObject({
			invalidCount: 2,
			invalidItems: [3, 7],
			notSentCount: 8,
		});
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('an expression error, without Retry On Fail', () => {
	const throwsOnItem5 = {
		...CREATE_FROM_JSON,
		amountInCents: "={{ $json.n === 5 ? 'x'.toNumber() : $json.amount_in_cents }}",
	};

	it('stops the run naming the item, not as a lost connection, and sends nothing', async () => {
		const { error } = await runPaymentNode(emulator, {
			items: makeItems('EXPR-STOP'),
			parameters: throwsOnItem5,
		});

		expect(error?.message).toBe('cannot convert to number [item 5]');
		expect(error).toMatchObject({ context: { itemIndex: 5 } });
		expect(error?.message).not.toMatch(/connection|may have been recorded|timed out/);
		expect(error?.description).toMatch(/^Fix the expression or the input for this item/);
		expect(error?.description).not.toMatch(/may have been recorded/);
		const account = parseAccount(error?.description);
		expect(account).toMatchObject({ invalidItems: [5], notSentCount: 9, unknownCount: 0 });
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(['continueErrorOutput', 'continueRegularOutput'] as const)(
		'with "%s" fails only that item, and labels nothing else',
		async (onError) => {
			const items = makeItems(`EXPR-${onError}`);
			const { error, success, errors } = await runPaymentNode(emulator, {
				items,
				parameters: throwsOnItem5,
				onError,
			});

			expect(error).toBeUndefined();
			const all = [...success, ...errors];
			const failed = all.filter((item) => item.json.error !== undefined);
			expect(pairedIndexes(failed)).toEqual([5]);
			expect(failureOf(failed[0]).message).toBe('cannot convert to number [item 5]');
			expect(String(failureOf(failed[0]).details)).toMatch(/Nothing was sent for it/);
			for (const item of all) {
				expect(JSON.stringify(item.json)).not.toMatch(/may have been recorded|connection/);
			}
			expect(emulator.ledger.map((entry) => entry.payment.reference_number).sort()).toEqual(
				items
					.filter((item) => item.n !== 5)
					.map((item) => item.reference_number)
					.sort(),
			);
			expectEachOnce();
		},
	);
});

describe('a failure while sending', () => {
	it('without Retry On Fail: posted ones with job IDs, the refused one, the rest not sent', async () => {
		const items = makeItems('STOP-400');
		items[5].resident_id = 'no-such-resident';
		const { error } = await runPaymentNode(emulator, { items });

		expect(error?.message).toMatch(/^Propexo rejected the payment \(reference STOP-400-5\)/);
		const account = parseAccount(error?.description);
		expect(accountedItems(account)).toBe(10);
		expect(account.posted).toEqual(
			emulator.ledger.map((entry) => ({
				reference: entry.payment.reference_number,
				batch: entry.payment.batch_id,
				jobId: entry.jobId,
			})),
		);
		expect(account.postedCount).toBe(5);
		expect(account.refused).toEqual([{ item: 5, reference: 'STOP-400-5' }]);
		expect(account.notSentItems).toEqual([6, 7, 8, 9]);
		expect(paymentPosts(emulator)).toHaveLength(6);
	});

	it('the advice holds: run again with the item fixed, and only the rest is sent', async () => {
		const workflowId = 'stop-then-rerun';
		const staticData: IDataObject = {};
		const items = makeItems('RERUN');
		const badItems = items.map((item, n) =>
			n === 5 ? { ...item, resident_id: 'no-such-resident' } : item,
		);
		const first = await runPaymentNode(emulator, { items: badItems, workflowId, staticData });
		expect(parseAccount(first.error?.description).postedCount).toBe(5);

		const second = await runPaymentNode(emulator, { items, workflowId, staticData });

		expect(second.error).toBeUndefined();
		expect(second.success).toHaveLength(10);
		expect(second.success.slice(0, 5).map((item) => item.json.skipped)).toEqual(
			Array(5).fill(true),
		);
		expect(emulator.ledger.map((entry) => entry.payment.reference_number).sort()).toEqual(
			items.map((item) => item.reference_number).sort(),
		);
		// Each payment went out once, but the refused one: refused, then sent again fixed.
		const { sent } = countsByReference(emulator);
		expect(items.map((item) => sent.get(String(item.reference_number)))).toEqual([
			1, 1, 1, 1, 1, 2, 1, 1, 1, 1,
		]);
	});

	const faults: Array<[string, Fault, boolean]> = [
		['a 503 after recording', { kind: 'status-after', status: 503 }, true],
		['a dropped connection after recording', { kind: 'drop-after' }, true],
		['a dropped connection before recording', { kind: 'drop-before' }, false],
		['a 400', { kind: 'status', status: 400 }, false],
	];

	it.each(faults)(
		'with many requests in flight, %s: the account still matches the ledger',
		async (_, fault, recorded) => {
			// Rate-limit headers let the node send many at a time; each answer takes 30 ms.
			emulator.setRateLimit({ limit: 1000, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
			const slow: Fault = { kind: 'latency', ms: 30 };
			emulator.injectFaults(
				{ method: 'POST', path: PAYMENT_URL },
				...Array.from({ length: 5 }, () => slow),
				fault,
				...Array.from({ length: 20 }, () => slow),
			);
			const items = makeItems(`PAR-${fault.kind}`, 20);
			const { error } = await runPaymentNode(emulator, { items });

			const account = parseAccount(error?.description);
			expect(account.total).toBe(20);
			expect(accountedItems(account)).toBe(20);
			const posts = paymentPosts(emulator);
			const faulted = posts.find((post) => post.status === 0 || post.status >= 400);
			const faultedReference = String((faulted?.body as IDataObject).reference_number);
			const failed = [...account.unknown, ...account.refused];
			expect(failed.map((entry) => entry.reference)).toEqual([faultedReference]);
			// Everything in the ledger is in the account as posted, except the faulted one.
			const ledger = emulator.ledger.map((entry) => [entry.payment.reference_number, entry.jobId]);
			expect(account.posted.map((entry) => [entry.reference, entry.jobId]).sort()).toEqual(
				ledger.filter(([reference]) => reference !== faultedReference).sort(),
			);
			expect(ledger.some(([reference]) => reference === faultedReference)).toBe(recorded);
			// Not sent means not sent: no POST carries a reference the account calls not sent.
			const sentReferences = new Set(
				posts.map((post) => (post.body as IDataObject).reference_number),
			);
			for (const index of account.notSentItems) {
				expect(sentReferences.has(items[index].reference_number)).toBe(false);
			}
			expect(posts.length).toBeLessThanOrEqual(items.length);
			expectEachOnce();
		},
	);

	it.each(faults)(
		'once %s is known, nothing more leaves: a failed first request stops the run alone',
		async (_, fault, recorded) => {
			// The first request goes alone to learn the rate-limit window; the others wait for it.
			emulator.setRateLimit({ limit: 1000, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
			emulator.injectFaults({ method: 'POST', path: PAYMENT_URL }, fault);
			const items = makeItems(`FIRST-${fault.kind}`, 20);
			const { error } = await runPaymentNode(emulator, { items });

			expect(paymentPosts(emulator)).toHaveLength(1);
			const account = parseAccount(error?.description);
			expect(account.posted).toEqual([]);
			expect([...account.unknown, ...account.refused]).toHaveLength(1);
			expect(account.notSentItems).toHaveLength(19);
			expect(emulator.ledger).toHaveLength(recorded ? 1 : 0);
		},
	);
});
