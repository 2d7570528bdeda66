/**
 * kill -9 of a single-process n8n (SQLite) in the middle of a run of 60 payments, then n8n is
 * started again and the same batch is delivered again: every payment must be recorded by Propexo
 * exactly once, and the second run must account for every item (posted, skipped or reported).
 */
import type { N8nServer } from '../../scripts/n8n-local';
import {
	account,
	activated,
	prepareScenario,
	batchWorkflow,
	deliver,
	duplicates,
	log,
	payments,
	readState,
	recordedCounts,
	RATE_LIMIT_WINDOW_MS,
	setRateLimit,
	tally,
	total,
	waitForQuiet,
	waitForRecorded,
	webhookRegistered,
	writeReport,
	type Delivery,
	type Payment,
} from './harness';

const state = readState();
const PORT = Number(process.env.DURABLE_KILL_PORT ?? 5800);
const COUNT = 60;
/** Recorded payments at which n8n is killed. */
const KILL_AT = 20;
const WORKFLOW_ID = 'durableKill9Wf01';
const PATH = `durable-kill9-${Date.now()}`;
const PREFIX = `KILL9-${Date.now()}`;

describe('kill -9 of n8n mid-run, restart, run again: each payment posted once', () => {
	const batch: Payment[] = payments(PREFIX, COUNT);
	let server: N8nServer | undefined;
	let recordedAtKill = 0;
	let recordedAfterCrash = 0;
	let rerun: Delivery;
	let firstAnswer: Delivery | undefined;

	beforeAll(async () => {
		const { start } = await prepareScenario('kill9', PORT, [
			batchWorkflow({ id: WORKFLOW_ID, path: PATH }),
		]);
		server = await start();
		await activated(server, WORKFLOW_ID, PATH);

		// 20 requests per 5 s: 60 payments take three windows, long enough to be interrupted.
		await setRateLimit(state, { limit: 20, windowMs: RATE_LIMIT_WINDOW_MS, slowdownMs: 200 });
		const first = deliver(server.url, PATH, { payments: batch }).then((answer) => {
			firstAnswer = answer;
		});
		recordedAtKill = await waitForRecorded(state, PREFIX, KILL_AT);
		await server.kill();
		await first;
		// Requests already on the wire may still land; then nothing more can come.
		recordedAfterCrash = await waitForQuiet(state, PREFIX, 1000);
		log(`killed n8n at ${recordedAtKill} recorded payments; ${recordedAfterCrash} after the crash`);

		server = await start();
		await webhookRegistered(server.url, PATH);
		await setRateLimit(state, { limit: 150, windowMs: RATE_LIMIT_WINDOW_MS });
		rerun = await deliver(server.url, PATH, { payments: batch });
	});

	afterAll(async () => {
		await server?.stop();
		await setRateLimit(state, false);
	});

	test('n8n was killed in the middle of the run (not before, not after)', () => {
		expect(firstAnswer?.status).not.toBe(200);
		expect(recordedAfterCrash).toBeGreaterThan(0);
		expect(recordedAfterCrash).toBeLessThan(COUNT);
	});

	test('every payment reference is recorded exactly once', async () => {
		const counts = await recordedCounts(state, PREFIX);
		const outcomes = account(batch, rerun);
		const report = {
			scenario: 'kill -9 of a single-process n8n (SQLite) mid-run, restart, run again',
			payments: COUNT,
			recordedAtKill,
			recordedAfterCrash,
			recordedInAll: total(counts),
			duplicatePayments: Object.keys(duplicates(counts)).length,
			extraPostings: total(counts) - counts.size,
			rerun: { status: rerun.status, ...tally(outcomes) },
		};
		const file = writeReport('kill9', report);
		log(`kill -9: ${JSON.stringify(report)} (${file})`);

		expect(duplicates(counts)).toEqual({});
		const notOnce = batch.map((p) => p.reference_number).filter((r) => counts.get(r) !== 1);
		expect(notOnce).toEqual([]);
	});

	test('the second run accounts for every item: posted, skipped or reported', () => {
		expect(rerun.status).toBe(200);
		const outcomes = account(batch, rerun);
		expect(outcomes.filter((o) => o === 'missing')).toHaveLength(0);
	});
});
