/**
 * The editor's Stop button on a running execution of 60 rate-limited payments. The POSTs already
 * on the wire must finish (a cancel never aborts them) and their outcome must be kept, so the same
 * batch delivered again, in the same n8n and after a restart, posts each payment once and reports
 * none as "may have been recorded".
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
	RATE_LIMIT_WINDOW_MS,
	readState,
	recordedCounts,
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
const PORT = Number(process.env.DURABLE_CANCEL_PORT ?? 5834);
const COUNT = 60;
/** Recorded payments at which the execution is stopped. */
const STOP_AT = 15;
const WORKFLOW_ID = 'durableCancelWf1';
const PATH = `durable-cancel-${Date.now()}`;
const PREFIX = `CANCEL-${Date.now()}`;

describe('cancel from the editor mid-run, run again (same n8n, after a restart): each payment posted once', () => {
	const batch: Payment[] = payments(PREFIX, COUNT);
	let server: N8nServer | undefined;
	let first: Delivery;
	let stoppedStatus = '';
	let recordedAtStop = 0;
	let recordedAfterStop = 0;
	let rerun: Delivery;
	let afterRestart: Delivery;

	beforeAll(async () => {
		const { start } = await prepareScenario('cancel', PORT, [
			batchWorkflow({ id: WORKFLOW_ID, path: PATH }),
		]);
		server = await start();
		const rest = await activated(server, WORKFLOW_ID, PATH);

		// 20 requests per 5 s, and each answer slowed: requests are on the wire when the stop comes.
		await setRateLimit(state, { limit: 20, windowMs: RATE_LIMIT_WINDOW_MS, slowdownMs: 200 });
		const delivery = deliver(server.url, PATH, { payments: batch });
		recordedAtStop = await waitForRecorded(state, PREFIX, STOP_AT);
		const running = await rest.executionIn(WORKFLOW_ID, 'running');
		stoppedStatus = (await rest.stopExecution(running.id)).status;
		first = await delivery;
		recordedAfterStop = await waitForQuiet(state, PREFIX, RATE_LIMIT_WINDOW_MS + 1000);
		log(
			`stopped execution ${running.id} (${stoppedStatus}) at ${recordedAtStop} recorded; ${recordedAfterStop} after`,
		);

		await setRateLimit(state, { limit: 150, windowMs: RATE_LIMIT_WINDOW_MS });
		rerun = await deliver(server.url, PATH, { payments: batch });
		await server.stop();
		server = await start();
		await webhookRegistered(server.url, PATH);
		afterRestart = await deliver(server.url, PATH, { payments: batch });
	});

	afterAll(async () => {
		await server?.stop();
		await setRateLimit(state, false);
	});

	test('the stop ended the run in the middle', () => {
		expect(stoppedStatus).toBe('canceled');
		expect(first.status).not.toBe(200);
		expect(recordedAfterStop).toBeLessThan(COUNT);
	});

	test('run again: every item posted or skipped, none left "may have been recorded"', () => {
		expect(rerun.status).toBe(200);
		expect(tally(account(batch, rerun))).toMatchObject({ reported: 0, missing: 0 });
		expect(afterRestart.status).toBe(200);
		expect(tally(account(batch, afterRestart))).toEqual({
			posted: 0,
			skipped: COUNT,
			reported: 0,
			missing: 0,
		});
	});

	test('every payment reference is recorded exactly once', async () => {
		const counts = await recordedCounts(state, PREFIX);
		const report = {
			scenario:
				'Stop from the editor (POST /rest/executions/:id/stop) mid-run, run again, restart n8n, run again',
			payments: COUNT,
			stoppedExecutionStatus: stoppedStatus,
			recordedAtStop,
			recordedAfterStop,
			recordedInAll: total(counts),
			duplicatePayments: Object.keys(duplicates(counts)).length,
			rerunSameN8n: { status: rerun.status, ...tally(account(batch, rerun)) },
			rerunAfterRestart: { status: afterRestart.status, ...tally(account(batch, afterRestart)) },
		};
		const file = writeReport('cancel', report);
		log(`cancel: ${JSON.stringify(report)} (${file})`);

		expect(duplicates(counts)).toEqual({});
		const notOnce = batch.map((p) => p.reference_number).filter((r) => counts.get(r) !== 1);
		expect(notOnce).toEqual([]);
	});
});
