/**
 * Retry of a failed execution from n8n's executions list. The payment node is left at n8n's
 * default On Error (Stop), and Propexo refuses one payment in the middle of each batch, so the
 * execution fails after part of the batch was posted. Each failed execution is then retried:
 * with the workflow as it was and as it is saved now, before and after n8n restarts, and one of
 * them twice. Finally every batch is delivered again. Every payment must be recorded by Propexo
 * exactly once.
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
	refuseNextPayment,
	Rest,
	setRateLimit,
	tally,
	total,
	waitForQuiet,
	waitForRecorded,
	webhookRegistered,
	writeReport,
	type Delivery,
	type ExecutionSummary,
	type Payment,
} from './harness';

const state = readState();
const PORT = Number(process.env.DURABLE_RETRY_PORT ?? 5830);
const COUNT = 24;
/** Recorded payments of a batch after which Propexo refuses the next one. */
const REFUSE_AFTER = 6;
const WORKFLOW_ID = 'durableRetryWf01';
const PATH = `durable-retry-${Date.now()}`;
const STAMP = Date.now();

interface Case {
	name: string;
	batch: Payment[];
	prefix: string;
	/** Retry with the workflow as saved now (true) or as it was when the execution ran (false). */
	loadWorkflow: boolean;
	afterRestart: boolean;
	failed?: { delivery: Delivery; execution: ExecutionSummary; recorded: number };
	retries: ExecutionSummary[];
	again?: Delivery;
}

function scenario(name: string, loadWorkflow: boolean, afterRestart: boolean): Case {
	const prefix = `RETRY-${name}-${STAMP}`;
	return { name, prefix, batch: payments(prefix, COUNT), loadWorkflow, afterRestart, retries: [] };
}

describe('retry of a failed execution (as it was, as saved now, after a restart, twice): each payment posted once', () => {
	const cases = [
		scenario('original', false, false),
		scenario('current', true, false),
		scenario('original-restart', false, true),
		scenario('current-restart', true, true),
	];
	let server: N8nServer | undefined;

	beforeAll(async () => {
		const { start } = await prepareScenario('retry', PORT, [
			batchWorkflow({ id: WORKFLOW_ID, path: PATH, onError: 'stopWorkflow' }),
		]);
		server = await start();
		let rest = await activated(server, WORKFLOW_ID, PATH);

		// 20 requests per 5 s, so the refusal lands in the middle of each batch.
		await setRateLimit(state, { limit: 20, windowMs: RATE_LIMIT_WINDOW_MS, slowdownMs: 200 });
		for (const c of cases) {
			const delivery = deliver(server.url, PATH, { payments: c.batch });
			await waitForRecorded(state, c.prefix, REFUSE_AFTER);
			await refuseNextPayment(state);
			const answered = await delivery;
			const recorded = await waitForQuiet(state, c.prefix, 1000);
			const execution = await rest.executionIn(WORKFLOW_ID, 'error');
			c.failed = { delivery: answered, execution, recorded };
			log(`${c.name}: execution ${execution.id} failed after ${recorded} recorded`);
		}
		await setRateLimit(state, { limit: 150, windowMs: RATE_LIMIT_WINDOW_MS });

		const retry = async (c: Case) => {
			const retried = await rest.retry(c.failed!.execution.id, c.loadWorkflow);
			c.retries.push(retried);
			log(`${c.name}: retry ${retried.id} ended ${retried.status}`);
		};
		for (const c of cases.filter((c) => !c.afterRestart)) await retry(c);

		await server.stop();
		server = await start();
		rest = await Rest.open(server.url);
		await webhookRegistered(server.url, PATH);
		for (const c of cases.filter((c) => c.afterRestart)) await retry(c);
		// The same failed execution retried a second time (a double click, or a second look).
		await retry(cases[0]);

		for (const c of cases) c.again = await deliver(server.url, PATH, { payments: c.batch });
	});

	afterAll(async () => {
		await server?.stop();
		await setRateLimit(state, false);
	});

	test('each batch failed in the middle: part of it posted, the refused payment not', () => {
		for (const c of cases) {
			expect(c.failed?.delivery.status).not.toBe(200);
			expect(c.failed?.recorded).toBeGreaterThanOrEqual(REFUSE_AFTER);
			expect(c.failed?.recorded).toBeLessThan(COUNT);
		}
	});

	test('every retry finished successfully', () => {
		const ended = cases.flatMap((c) => c.retries.map((r) => `${c.name}: ${r.status}`));
		expect(ended).toEqual(cases.flatMap((c) => c.retries.map(() => `${c.name}: success`)));
		expect(cases[0].retries).toHaveLength(2);
	});

	test('delivered again afterwards, every item is skipped as already posted', () => {
		for (const c of cases) {
			expect(c.again?.status).toBe(200);
			expect(tally(account(c.batch, c.again!))).toEqual({
				posted: 0,
				skipped: COUNT,
				reported: 0,
				missing: 0,
			});
		}
	});

	test('every payment reference is recorded exactly once', async () => {
		const report: Record<string, unknown> = {
			scenario:
				'On Error: Stop; Propexo refuses one payment mid-batch; Retry of the failed execution (original / current workflow, before / after a restart, one twice); every batch delivered again',
			paymentsPerBatch: COUNT,
		};
		const notOnce: string[] = [];
		for (const c of cases) {
			const counts = await recordedCounts(state, c.prefix);
			report[c.name] = {
				recordedByFailedRun: c.failed?.recorded,
				retries: c.retries.map((r) => r.status),
				recordedInAll: total(counts),
				duplicatePayments: Object.keys(duplicates(counts)).length,
				again: c.again && tally(account(c.batch, c.again)),
			};
			for (const p of c.batch) {
				if (counts.get(p.reference_number) !== 1) notOnce.push(p.reference_number);
			}
		}
		const file = writeReport('retry', report);
		log(`retry: ${JSON.stringify(report)} (${file})`);
		expect(notOnce).toEqual([]);
	});
});
