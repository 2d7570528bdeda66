/** Unit tests of the stop-mode account: what happened to every item of a run that stopped. */
import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountFor, withAccount } from '../../nodes/shared/writes/accounting';
import type { ItemOutcome } from '../../nodes/shared/writes/outcomes';
import { accountedItems, itemsOf, parseAccount } from '../harness/account';

const node: INode = {
	id: 'payment',
	name: 'ResMan Payment',
	type: 'n8n-nodes-propexo.propexoResmanPayment',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const noun = { one: 'payment', many: 'payments' };

const record = (reference: string, batch = 'b-1'): IDataObject => ({
	reference_number: reference,
	batch_id: batch,
});
const failure = (message: string) => new NodeOperationError(node, message);

const posted = (reference: string, jobId: string): ItemOutcome => ({
	kind: 'posted',
	record: record(reference),
	json: { ...record(reference), job_id: jobId },
});
const skipped = (reference: string): ItemOutcome => ({
	kind: 'skipped',
	record: record(reference),
	json: { ...record(reference), job_id: 'job-old', skipped: true },
});
const unknown = (reference: string): ItemOutcome => ({
	kind: 'unknown',
	record: record(reference),
	error: failure('lost the connection'),
});
const rejected = (reference: string, message: string): ItemOutcome => ({
	kind: 'rejected',
	record: record(reference),
	error: failure(message),
});
const invalid = (): ItemOutcome => ({ kind: 'invalid', error: failure('Notes: is empty') });
const notSent = (reference: string): ItemOutcome => ({
	kind: 'notSent',
	record: record(reference),
	error: failure('Not sent'),
});

describe('accountFor', () => {
	it('lists every kind, in a fixed order, with references, job IDs and item numbers', () => {
		const account = accountFor(
			[
				posted('P-0', 'job-0'),
				skipped('S-1'),
				unknown('U-2'),
				rejected('R-3', 'Propexo rejected it: resident not found'),
				invalid(),
				notSent('N-5'),
				posted('P-6', 'job-6'),
			],
			noun,
		);

		expect(account).toBe(
			[
				'What happened to the 7 items of this run:',
				'• Posted: 2 payments (reference → job ID): P-0 (batch b-1) → job-0; P-6 (batch b-1) → job-6.',
				'• Already posted by an earlier run, skipped: 1: S-1 (batch b-1).',
				'• Outcome unknown, may have been recorded — check in ResMan before posting again: 1: item 2: U-2 (batch b-1).',
				'• Refused, nothing recorded: 1: item 3: R-3 (batch b-1) — Propexo rejected it: resident not found.',
				'• Invalid input, not sent: 1 (items 4).',
				'• Not sent, nothing recorded — safe to send again: 1 (items 5).',
				'To finish safely: look up each unknown one in ResMan (Partner Transactions) first, then tell the node what you found: a Propexo node in this workflow with Resource "Ledger", "Mark as Recorded" or "Mark as Not Recorded" — until then a run that meets it stops again. Then run the workflow again: with "Skip Already Posted" on, the payments posted here are skipped and only the rest is sent.',
			].join('\n'),
		);
	});

	it('leaves out the kinds that did not happen, but always says what was posted and not sent', () => {
		const account = accountFor([rejected('R-0', 'no'), notSent('N-1')], noun);

		expect(account).toMatch(/^• Posted: 0 payments\.$/m);
		expect(account).toMatch(
			/^• Not sent, nothing recorded — safe to send again: 1 \(items 1\)\.$/m,
		);
		expect(account).not.toMatch(/^• (Already posted|Outcome unknown|Invalid input)/m);
		expect(accountFor([posted('P-0', 'job-0')], noun)).toMatch(
			/^• Not sent, nothing recorded — safe to send again: 0\.$/m,
		);
	});

	it('shortens runs of item numbers: "0–2, 4, 6–9"', () => {
		const outcomes: ItemOutcome[] = Array.from({ length: 10 }, (_, n) =>
			[3, 5].includes(n) ? posted(`P-${n}`, `job-${n}`) : notSent(`N-${n}`),
		);
		const account = accountFor(outcomes, noun);

		expect(account).toMatch(
			/^• Not sent, nothing recorded — safe to send again: 8 \(items 0–2, 4, 6–9\)\.$/m,
		);
		expect(itemsOf('0–2, 4, 6–9')).toEqual([0, 1, 2, 4, 6, 7, 8, 9]);
	});

	it('counts an item without an outcome (undefined, or a hole in the array) as not sent', () => {
		// Caught a bug: forEach skipped the holes of `new Array(n)`, so the items that bad input
		// or a retry left without an outcome were missing ("Not sent: 0"). runWrites now passes a
		// dense array (main b65a120) and accountFor reads holes as not sent (this branch).
		const sparse: Array<ItemOutcome | undefined> = new Array(6);
		sparse[2] = invalid();
		sparse[4] = undefined;
		const account = parseAccount(accountFor(sparse, noun));

		expect(account.total).toBe(6);
		expect(account.notSentItems).toEqual([0, 1, 3, 4, 5]);
		expect(accountedItems(account)).toBe(6);
	});

	it('adds up to the number of items, whatever the mix', () => {
		const makers = [
			(n: number) => posted(`P-${n}`, `job-${n}`),
			(n: number) => skipped(`S-${n}`),
			(n: number) => unknown(`U-${n}`),
			(n: number) => rejected(`R-${n}`, 'x; y'),
			() => invalid(),
			(n: number) => notSent(`N-${n}`),
			() => undefined,
		];
		for (let seed = 1; seed <= 20; seed++) {
			const outcomes = Array.from({ length: 3 + seed }, (_, n) => makers[(n * seed + seed) % 7](n));
			const account = parseAccount(accountFor(outcomes, noun));
			expect(account.total).toBe(outcomes.length);
			expect(accountedItems(account)).toBe(outcomes.length);
			expect(account.posted.map((entry) => entry.jobId)).toEqual(
				outcomes.flatMap((outcome) =>
					outcome?.kind === 'posted' ? [String(outcome.json.job_id)] : [],
				),
			);
		}
	});

	it("uses the write's own noun", () => {
		const account = accountFor([posted('C-0', 'job-0')], { one: 'charge', many: 'charges' });
		expect(account).toMatch(/^• Posted: 1 charge \(reference → job ID\)/m);
		expect(account).toMatch(/the charges posted here are skipped/);
	});
});

describe('withAccount', () => {
	it("adds the account after the error's own description", () => {
		const error = new NodeOperationError(node, 'Propexo rejected the payment', {
			description: 'Nothing was recorded.',
		});
		const returned = withAccount(error, 'ACCOUNT');

		expect(returned).toBe(error);
		expect(error.description).toBe('Nothing was recorded.\n\nACCOUNT');
	});

	it('replaces, not repeats, the account when a retry stops again with the same error', () => {
		const error = new NodeOperationError(node, 'lost the connection', { description: 'Check.' });
		withAccount(error, 'FIRST TRY');
		withAccount(error, 'SECOND TRY');
		withAccount(error, 'THIRD TRY');

		expect(error.description).toBe('Check.\n\nTHIRD TRY');
	});

	it('an error without a description gets the account alone', () => {
		const error = new NodeOperationError(node, 'Not sent');
		withAccount(error, 'ACCOUNT');
		expect(error.description).toBe('ACCOUNT');
	});
});
