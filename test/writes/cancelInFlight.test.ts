/**
 * A cancel stops new sends but never aborts a payment already on the wire: its answer is awaited,
 * so every payment Propexo recorded is output (or accounted) as posted, never "unknown".
 */
import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../emulator';
import { accountedItems, pairedIndexes, parseAccount, failureOf } from '../harness/account';
import {
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { useStopExecution } from '../harness/stopExecution';
import { useEmulator } from '../harness/useEmulator';

// The rate limit lets several payments out at once after the first; the cancel comes after five.
const LIMIT = 9;
const CANCEL_AFTER = 5;
// Long enough that no second window opens before the cancel; short so that no timer outlives it.
const SHORT_WINDOW = { rateLimitWindowSeconds: 2 };

let arrived = 0;

const stop = useStopExecution();
const emulator = useEmulator({
	rateLimit: false,
	writeStatusDelayMs: 50,
	onRequest: (request) => {
		// Cancel while the emulator holds the burst that followed the first payment (a request is
		// listed in emulator.requests once answered, so count arrivals here).
		if (request.method === 'POST' && ++arrived === CANCEL_AFTER) stop.stopAfter(100);
	},
});
beforeEach(() => {
	arrived = 0;
	// The headers of the first answer let the next payments go out together.
	emulator.setRateLimit({ limit: LIMIT, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
	const held: Fault = { kind: 'latency', ms: 600 };
	emulator.injectFaults(
		{ method: 'POST', path: PAYMENT_URL },
		{ kind: 'latency', ms: 0 },
		...Array.from({ length: 19 }, () => held),
	);
});

function makeItems(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) =>
		samplePayment({ reference_number: `${prefix}-${n}`, amount_in_cents: 5000 + n }),
	);
}

const recordedReferences = () =>
	emulator.ledger.map((entry) => String(entry.payment.reference_number)).sort();

it('"Continue (using error output)": every payment in flight is output as posted', async () => {
	const items = makeItems('INFLIGHT-CONT', 20);
	const { success, errors, run } = await runPaymentNode(emulator, {
		items,
		onError: 'continueErrorOutput',
		credential: SHORT_WINDOW,
	});

	expect(run.status).toBe('canceled');
	const posts = paymentPosts(emulator);
	expect(posts.length).toBeGreaterThanOrEqual(CANCEL_AFTER);
	expect(posts.length).toBeLessThan(items.length);
	expect(emulator.ledger).toHaveLength(posts.length);
	expect(success.map((item) => String(item.json.reference_number)).sort()).toEqual(
		recordedReferences(),
	);
	const jobs = new Map(
		emulator.ledger.map((entry) => [entry.payment.reference_number, entry.jobId]),
	);
	for (const item of success) expect(item.json.job_id).toBe(jobs.get(item.json.reference_number));
	for (const item of errors) {
		const [index] = pairedIndexes([item]);
		expect(failureOf(item).message).toBe(`Not sent: the execution was cancelled [item ${index}]`);
	}
	expect(success.length + errors.length).toBe(items.length);
});

it('stop mode: the account lists every payment in flight as posted, none as unknown', async () => {
	const items = makeItems('INFLIGHT-STOP', 20);
	const { error, run } = await runPaymentNode(emulator, { items, credential: SHORT_WINDOW });

	expect(run.status).toBe('canceled');
	const account = parseAccount(error?.description);
	expect(account.unknownCount).toBe(0);
	expect(accountedItems(account)).toBe(items.length);
	expect(account.posted.map((entry) => entry.reference).sort()).toEqual(recordedReferences());
	expect(account.postedCount).toBe(paymentPosts(emulator).length);
	expect(account.postedCount).toBeGreaterThanOrEqual(CANCEL_AFTER);
	expect(account.notSentCount).toBeGreaterThan(0);
});
