/**
 * The workflow's "Timeout Workflow" setting (settings.executionTimeout, 4 s) stops a run of 60
 * rate-limited payments in the middle; the same batch is then delivered again to the same n8n, and
 * once more after n8n restarts (as after an upgrade or a deploy). Every payment must be recorded by
 * Propexo exactly once, and each later run must account for every item (posted, skipped or
 * reported).
 */
import type { N8nServer } from '../../scripts/n8n-local';
import {
	account,
	batchWorkflow,
	deliver,
	duplicates,
	freshUserFolder,
	importFixtures,
	log,
	payments,
	readState,
	recordedCounts,
	Rest,
	RATE_LIMIT_WINDOW_MS,
	setRateLimit,
	startLogged,
	tally,
	total,
	waitForQuiet,
	webhookRegistered,
	writeReport,
	type Delivery,
	type Payment,
} from './harness';

const state = readState();
const PORT = Number(process.env.DURABLE_TIMEOUT_PORT ?? 5804);
const CLI_PORT = PORT + 2;
const COUNT = 60;
const TIMEOUT_SECONDS = 4;
const WINDOW_MS = RATE_LIMIT_WINDOW_MS;
const RERUN_TIMEOUT_SECONDS = 60;
const WORKFLOW_ID = 'durableTimeout01';
const PATH = `durable-timeout-${Date.now()}`;
const PREFIX = `TIMEOUT-${Date.now()}`;

describe(`a run stopped by the workflow timeout (${TIMEOUT_SECONDS} s), run again: each payment posted once`, () => {
	const batch: Payment[] = payments(PREFIX, COUNT);
	let server: N8nServer | undefined;
	let rest: Rest;
	let first: Delivery;
	let recordedByFirstRun = 0;
	let rerun: Delivery;
	let afterRestart: Delivery;
	let firstStatus: string | undefined;

	beforeAll(async () => {
		const userFolder = freshUserFolder('timeout');
		await importFixtures({
			state,
			userFolder,
			cliPort: CLI_PORT,
			workflows: [
				batchWorkflow({ id: WORKFLOW_ID, path: PATH, executionTimeout: TIMEOUT_SECONDS }),
			],
		});
		server = await startLogged('timeout-n8n', { userFolder, port: PORT });
		rest = await Rest.open(server.url);
		await rest.activate(WORKFLOW_ID);
		await webhookRegistered(server.url, PATH);

		// 20 requests per 5 s: 60 payments need three windows, far longer than the timeout.
		await setRateLimit(state, { limit: 20, windowMs: WINDOW_MS, slowdownMs: 200 });
		first = await deliver(server.url, PATH, { payments: batch });
		// A stopped node may still have requests in flight (or keep sending): wait for a quiet window.
		recordedByFirstRun = await waitForQuiet(state, PREFIX, WINDOW_MS + 1000);
		const executions = await rest.request<{ results: Array<{ status: string }> }>(
			'GET',
			`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: WORKFLOW_ID }))}`,
		);
		firstStatus = executions.results[0]?.status;
		log(
			`timed-out run answered ${first.status}, execution ${firstStatus}; ${recordedByFirstRun} recorded`,
		);

		// Propexo's own 150 requests a window, announced in every answer.
		await setRateLimit(state, { limit: 150, windowMs: RATE_LIMIT_WINDOW_MS });
		rerun = await deliver(server.url, PATH, { payments: batch });
		log(
			`run again in the same n8n: ${rerun.status}, ${JSON.stringify(tally(account(batch, rerun)))}`,
		);

		await server.stop();
		// After the restart the node reads the write status of each of the 40 payments the rerun
		// posted (a late verdict): more than 4 s of work, so the user's timeout is raised.
		await importFixtures({
			state,
			userFolder,
			cliPort: CLI_PORT,
			workflows: [
				batchWorkflow({ id: WORKFLOW_ID, path: PATH, executionTimeout: RERUN_TIMEOUT_SECONDS }),
			],
		});
		server = await startLogged('timeout-n8n', { userFolder, port: PORT });
		const restarted = await Rest.open(server.url);
		await restarted.activate(WORKFLOW_ID);
		await webhookRegistered(server.url, PATH);
		afterRestart = await deliver(server.url, PATH, { payments: batch });
	});

	afterAll(async () => {
		await server?.stop();
		await setRateLimit(state, false);
	});

	test('the timeout stopped the first run in the middle', () => {
		expect(first.status).not.toBe(200);
		expect(recordedByFirstRun).toBeGreaterThan(0);
		expect(recordedByFirstRun).toBeLessThan(COUNT);
	});

	test('run again in the same n8n: every item is posted, skipped or reported', () => {
		expect(rerun.status).toBe(200);
		expect(account(batch, rerun).filter((o) => o === 'missing')).toHaveLength(0);
	});

	test('run again after n8n restarts: every item is posted, skipped or reported', () => {
		expect(afterRestart.status).toBe(200);
		expect(account(batch, afterRestart).filter((o) => o === 'missing')).toHaveLength(0);
	});

	test('every payment reference is recorded exactly once', async () => {
		const counts = await recordedCounts(state, PREFIX);
		const report = {
			scenario: `workflow timeout (settings.executionTimeout = ${TIMEOUT_SECONDS} s) mid-run, run again, restart n8n, run again`,
			payments: COUNT,
			firstRun: { httpStatus: first.status, executionStatus: firstStatus },
			recordedByFirstRun,
			recordedInAll: total(counts),
			duplicatePayments: Object.keys(duplicates(counts)).length,
			extraPostings: total(counts) - counts.size,
			rerunSameN8n: { status: rerun.status, ...tally(account(batch, rerun)) },
			rerunAfterRestart: { status: afterRestart.status, ...tally(account(batch, afterRestart)) },
		};
		const file = writeReport('timeout', report);
		log(`timeout: ${JSON.stringify(report)} (${file})`);

		expect(duplicates(counts)).toEqual({});
		const notOnce = batch.map((p) => p.reference_number).filter((r) => counts.get(r) !== 1);
		expect(notOnce).toEqual([]);
	});
});
