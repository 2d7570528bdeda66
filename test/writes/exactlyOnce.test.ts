/**
 * Issue #9, "Exactly once under every n8n setting": Retry On Fail on, each On Error setting, each
 * way one item of ten can fail. Runs through n8n-core's WorkflowExecute against the emulator.
 */
import type { IDataObject, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { Fault } from '../emulator';
import {
	accountedItems,
	countsByReference,
	pairedIndexes,
	parseAccount,
	failureOf,
} from '../harness/account';
import { loadPackage } from '../harness/engine';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const ITEMS = 10;
// n8n-core clamps maxTries to 2…5 and waitBetweenTries to 0…5000 ms, and reads 0 as 1000 ms.
const RETRY = { retryOnFail: true, maxTries: 3, waitBetweenTries: 10 };

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });
let execute: jest.SpyInstance;

beforeAll(async () => {
	// Counts the node's runs: n8n calls execute() once per try.
	const { loader } = await loadPackage();
	execute = jest.spyOn(loader.nodeTypes.propexoResmanPayment.type as INodeType, 'execute');
});
afterAll(() => execute.mockRestore());
beforeEach(() => execute.mockClear());

type OnError = NonNullable<INode['onError']>;

interface FailureCase {
	name: string;
	/** What the node makes of the failing item. */
	kind: 'invalid' | 'rejected' | 'unknown';
	/** The failing item reaches Propexo (one POST). */
	sent: boolean;
	/** The emulator records it although the node sees a failure. */
	recorded: boolean;
	/** The failing item's error message. */
	message: (reference: string, item: number) => RegExp;
	/** Changes the failing item or the parameters, or queues the fault for its POST. */
	arrange(items: IDataObject[], bad: number): IDataObject | undefined;
}

/** Queues `fault` for the POST of item `bad`: the requests before it pass unchanged. */
function faultOnPost(bad: number, fault: Fault) {
	const pass: Fault = { kind: 'latency', ms: 0 };
	emulator.injectFaults(
		{ method: 'POST', path: PAYMENT_URL },
		...Array.from({ length: bad }, () => pass),
		fault,
	);
	return undefined;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CASES: FailureCase[] = [
	{
		name: 'bad input (empty Notes)',
		kind: 'invalid',
		sent: false,
		recorded: false,
		message: (_, item) => new RegExp(`^Notes: is empty \\[item ${item}\\]$`),
		arrange: (items, bad) => {
			items[bad].notes = '';
			return undefined;
		},
	},
	{
		name: 'a 400 from Propexo (unknown resident)',
		kind: 'rejected',
		sent: true,
		recorded: false,
		message: (reference) =>
			new RegExp(
				`^Propexo rejected the payment \\(reference ${escape(reference)}\\): .*resident`,
				'i',
			),
		arrange: (items, bad) => {
			items[bad].resident_id = 'no-such-resident';
			return undefined;
		},
	},
	{
		name: 'a 503 after recording',
		kind: 'unknown',
		sent: true,
		recorded: true,
		message: (reference) =>
			new RegExp(
				`^Propexo answered with a server error \\(503\\) — the payment \\(reference ${escape(reference)}\\) may have been recorded$`,
			),
		arrange: (_, bad) => faultOnPost(bad, { kind: 'status-after', status: 503 }),
	},
	{
		name: 'a connection dropped after recording',
		kind: 'unknown',
		sent: true,
		recorded: true,
		message: (reference) =>
			new RegExp(
				`^The request to Propexo lost the connection before an answer came — the payment \\(reference ${escape(reference)}\\) may have been recorded$`,
			),
		arrange: (_, bad) => faultOnPost(bad, { kind: 'drop-after' }),
	},
	{
		name: 'a connection dropped before recording',
		kind: 'unknown',
		sent: true,
		recorded: false,
		message: (reference) =>
			new RegExp(
				`^The request to Propexo lost the connection before an answer came — the payment \\(reference ${escape(reference)}\\) may have been recorded$`,
			),
		arrange: (_, bad) => faultOnPost(bad, { kind: 'drop-before' }),
	},
	{
		name: 'an expression error on one item',
		kind: 'invalid',
		sent: false,
		recorded: false,
		// n8n's String.toNumber() throws "cannot convert to number" for 'x'.
		message: (_, item) => new RegExp(`^cannot convert to number \\[item ${item}\\]$`),
		arrange: (_, bad) => ({
			...CREATE_FROM_JSON,
			amountInCents: `={{ $json.n === ${bad} ? 'x'.toNumber() : $json.amount_in_cents }}`,
		}),
	},
];

function makeItems(prefix: string): IDataObject[] {
	return Array.from({ length: ITEMS }, (_, n) => ({
		...samplePayment({ reference_number: `${prefix}-${n}`, amount_in_cents: 1000 + n }),
		n,
	}));
}

async function runCase(
	failure: FailureCase,
	onError: OnError,
	bad: number,
	extra: IDataObject = {},
) {
	const prefix = `ONCE-${onError}-${CASES.indexOf(failure)}-${bad}-${Object.keys(extra).length}`;
	const items = makeItems(prefix);
	const arranged = failure.arrange(items, bad);
	const parameters = { ...(arranged ?? CREATE_FROM_JSON), ...extra };
	const result = await runPaymentNode(emulator, {
		items,
		parameters,
		onError: onError === 'stopWorkflow' ? undefined : onError,
		settings: RETRY,
	});
	const references = items.map((item) => String(item.reference_number));
	return { ...result, items, references, badReference: references[bad] };
}

/** What every case must hold: no payment twice, ever, and no failing item sent twice. */
function expectNeverTwice(failure: FailureCase, badReference: string) {
	const { recorded, sent } = countsByReference(emulator);
	for (const [reference, count] of recorded) expect([reference, count]).toEqual([reference, 1]);
	for (const [reference, count] of sent) expect([reference, count]).toEqual([reference, 1]);
	expect(sent.get(badReference) ?? 0).toBe(failure.sent ? 1 : 0);
	expect(recorded.get(badReference) ?? 0).toBe(failure.recorded ? 1 : 0);
}

function jobIdOf(reference: string): string | undefined {
	return emulator.ledger.find((entry) => entry.payment.reference_number === reference)?.jobId;
}

describe.each([5, 0])('Retry On Fail on, the failing item at index %i of 10', (bad) => {
	describe.each(CASES)('$name', (failure) => {
		it('On Error "Stop Workflow": stops with an account that matches the ledger', async () => {
			const { error, references, badReference } = await runCase(failure, 'stopWorkflow', bad);

			expect(error).toBeDefined();
			expect(error?.message).toMatch(failure.message(badReference, bad));
			if (failure.kind !== 'unknown') {
				expect(error?.message).not.toMatch(/may have been recorded|lost the connection/);
			}
			// n8n tried three times; no try sent anything a previous try had sent.
			expect(execute).toHaveBeenCalledTimes(3);
			expectNeverTwice(failure, badReference);

			const account = parseAccount(error?.description);
			expect(account.total).toBe(ITEMS);
			expect(accountedItems(account)).toBe(ITEMS);
			if (!failure.sent) {
				// Bad input stops the run before anything leaves.
				expect(paymentPosts(emulator)).toHaveLength(0);
				expect(account.postedCount).toBe(0);
				expect(account.invalidItems).toEqual([bad]);
				expect(account.notSentCount).toBe(ITEMS - 1);
				return;
			}
			// Sent one at a time, in order: the items before the failure are posted, the rest not sent.
			const before = references.slice(0, bad);
			expect(account.postedCount).toBe(bad);
			expect(account.posted.map((entry) => entry.reference)).toEqual(before);
			for (const entry of account.posted) expect(entry.jobId).toBe(jobIdOf(entry.reference));
			const failed = failure.kind === 'unknown' ? account.unknown : account.refused;
			expect(failed).toEqual([{ item: bad, reference: badReference }]);
			expect(account.unknownCount + account.refusedCount).toBe(1);
			expect(account.notSentItems).toEqual(
				Array.from({ length: ITEMS - bad - 1 }, (_, n) => bad + 1 + n),
			);
			expect(account.notSentCount).toBe(ITEMS - bad - 1);
			// The account and the ledger agree: posted ones, plus the unknown one if it landed.
			const inLedger = emulator.ledger.map((entry) => String(entry.payment.reference_number));
			expect(inLedger.sort()).toEqual(
				[...before, ...(failure.recorded ? [badReference] : [])].sort(),
			);
		});

		it.each(['continueErrorOutput', 'continueRegularOutput'] as const)(
			'On Error "%s": every good payment once, every item once in the outputs',
			async (onError) => {
				const { error, success, errors, items, references, badReference } = await runCase(
					failure,
					onError,
					bad,
				);

				expect(error).toBeUndefined();
				// n8n retries a node whose first output item is an error item.
				expect(execute).toHaveBeenCalledTimes(bad === 0 ? 3 : 1);
				expectNeverTwice(failure, badReference);
				const good = references.filter((reference) => reference !== badReference);
				const inLedger = emulator.ledger.map((entry) => String(entry.payment.reference_number));
				expect(inLedger.filter((reference) => reference !== badReference).sort()).toEqual(
					good.sort(),
				);

				// Each input item exactly once across both outputs, paired with its input.
				const all: INodeExecutionData[] = [...success, ...errors];
				expect(pairedIndexes(all).sort((a, b) => a - b)).toEqual(items.map((_, index) => index));
				const failed = all.filter((item) => item.json.error !== undefined);
				expect(pairedIndexes(failed)).toEqual([bad]);
				expect(String(failureOf(failed[0]).message)).toMatch(failure.message(badReference, bad));
				if (onError === 'continueErrorOutput') {
					expect(errors).toEqual(failed);
					// n8n merges the input into the error item: the user sees which payment it was.
					expect(errors[0].json.reference_number).toBe(badReference);
				} else {
					expect(errors).toEqual([]);
				}
				for (const item of all.filter((output) => output.json.error === undefined)) {
					const [index] = pairedIndexes([item]);
					expect(item.json.reference_number).toBe(references[index]);
					expect(item.json.job_id).toBe(jobIdOf(references[index]));
				}
			},
		);
	});
});

describe('Retry On Fail with "Skip Already Posted" off: the journal alone prevents resends', () => {
	const sendingFailures = CASES.filter((failure) => failure.kind === 'unknown');

	it.each(
		sendingFailures.flatMap((failure) =>
			(['stopWorkflow', 'continueErrorOutput', 'continueRegularOutput'] as const).map(
				(onError) => [failure.name, onError, failure] as const,
			),
		),
	)('%s, On Error "%s"', async (_, onError, failure) => {
		const { error, success, errors, badReference } = await runCase(failure, onError, 0, {
			skipAlreadyPosted: false,
		});

		expect(execute).toHaveBeenCalledTimes(3);
		expectNeverTwice(failure, badReference);
		if (onError === 'stopWorkflow') {
			expect(error?.message).toMatch(/may have been recorded/);
			expect(paymentPosts(emulator)).toHaveLength(1);
			expect(parseAccount(error?.description)).toMatchObject({
				postedCount: 0,
				unknown: [{ item: 0, reference: badReference }],
				notSentCount: ITEMS - 1,
			});
		} else {
			expect(pairedIndexes([...success, ...errors]).sort((a, b) => a - b)).toEqual(
				Array.from({ length: ITEMS }, (__, index) => index),
			);
			expect(emulator.ledger.length).toBe(failure.recorded ? ITEMS : ITEMS - 1);
			expect(paymentPosts(emulator)).toHaveLength(ITEMS);
		}
	});
});

describe('the same payment twice', () => {
	const modes = ['stopWorkflow', 'continueErrorOutput', 'continueRegularOutput'] as const;
	const asOnError = (mode: OnError) => (mode === 'stopWorkflow' ? undefined : mode);

	// Caught a bug, fixed on main (7821182): in stop mode a repeat waiting for the same record
	// stopped the run before anything was sent, with the ledger's internal placeholder "Not sent:
	// waiting for the same record" as its message.
	it.each(modes)(
		'repeated within the input, On Error "%s": posted once, the repeat skipped',
		async (mode) => {
			const items = makeItems(`REPEAT-${mode}`).slice(0, 4);
			items[2] = { ...items[0], n: 2 };
			const { error, success, errors } = await runPaymentNode(emulator, {
				items,
				onError: asOnError(mode),
				settings: RETRY,
			});

			expect(error?.message).toBeUndefined();
			expect(errors).toEqual([]);
			expect(pairedIndexes(success)).toEqual([0, 1, 2, 3]);
			expect(success[2].json).toMatchObject({
				skipped: true,
				job_id: success[0].json.job_id,
				reference_number: items[0].reference_number,
			});
			const { recorded, sent } = countsByReference(emulator);
			expect([...recorded.values()]).toEqual([1, 1, 1]);
			expect([...sent.values()]).toEqual([1, 1, 1]);
		},
	);

	it.each(modes)(
		'three executions at once (a webhook delivered three times), On Error "%s"',
		async (mode) => {
			const items = makeItems(`WEBHOOK3-${mode}`).slice(0, 5);
			// The third payment's connection drops after it was recorded: unknown, never resent.
			faultOnPost(2, { kind: 'drop-after' });
			const staticData: IDataObject = {};
			const runs = await Promise.all(
				[1, 2, 3].map(() =>
					runPaymentNode(emulator, {
						items,
						workflowId: `webhook3-${mode}`,
						staticData,
						onError: asOnError(mode),
						settings: RETRY,
					}),
				),
			);

			const { recorded, sent } = countsByReference(emulator);
			for (const count of [...recorded.values(), ...sent.values()]) expect(count).toBe(1);
			if (mode === 'stopWorkflow') {
				// The execution that sends stops at the unknown third payment; the others wait for
				// it and stop on the same unknown one. Nothing after it is sent.
				expect([...sent.keys()]).toEqual(items.slice(0, 3).map((item) => item.reference_number));
				for (const { error } of runs) {
					expect(error?.message).toMatch(/may have been recorded|outcome is unknown/);
					expect(error?.message).not.toMatch(/waiting for the same record/);
				}
				return;
			}
			expect(sent.size).toBe(5);
			for (const { success, errors } of runs) {
				expect(pairedIndexes([...success, ...errors]).sort()).toEqual([0, 1, 2, 3, 4]);
			}
		},
	);
});
