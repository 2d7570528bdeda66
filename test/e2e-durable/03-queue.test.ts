/**
 * Queue mode: `n8n start` and two `n8n worker` processes on Postgres and Redis (started by
 * scripts/queue-services.ts). An active Webhook → ResMan Payment workflow receives each payment
 * twice on its production URL, 0 ms, 300 ms or 2,000 ms apart (a payment portal that delivers at
 * least once); then the workers restart and every payment is delivered once more.
 *
 * Asserted: pairs at least 300 ms apart are recorded once; nothing is recorded again after the
 * restart; every answer accounts for its payment. The 0 ms pairs are measured, not required to
 * be zero: the figure goes to test-output/durable/queue-0ms-duplicates.json.
 */
import type { N8nServer } from '../../scripts/n8n-local';
import { sleep } from '../../scripts/n8n-local';
import {
	freshDatabase,
	queueModeEnv,
	startQueueServices,
	stopQueueServices,
} from '../../scripts/queue-services';
import {
	account,
	deliver,
	duplicates,
	freshUserFolder,
	importFixtures,
	log,
	payments,
	readState,
	recordedCounts,
	Rest,
	setRateLimit,
	singleWorkflow,
	startLogged,
	total,
	waitForQuiet,
	webhookRegistered,
	writeReport,
	type Delivery,
	type Outcome,
	type Payment,
} from './harness';

const state = readState();
const MAIN_PORT = Number(process.env.DURABLE_QUEUE_PORT ?? 5808);
const CLI_PORT = MAIN_PORT + 10;
const WORKER_PORTS = [5810, 5813];
const DATABASE = 'propexo_durable';
const WORKFLOW_ID = 'durableQueue0001';
const PATH = `durable-queue-${Date.now()}`;
const RUN = Date.now();
/** Delay between the two deliveries of a pair, and how many pairs of each. */
const DELAYS = [0, 300, 2000];
const PAIRS = 10;
/** Pairs start this far apart, as a portal's deliveries trickle in. */
const STAGGER_MS = 50;

interface Group {
	delayMs: number;
	prefix: string;
	payments: Payment[];
	/** Per payment: the two answers of the pair, then the answer after the restart. */
	answers: Delivery[][];
}

function outcomeOf(payment: Payment, delivery: Delivery): Outcome {
	return account([payment], delivery)[0];
}

describe('queue mode (main + 2 workers, Postgres, Redis): a repeated webhook posts once', () => {
	const groups: Group[] = DELAYS.map((delayMs) => {
		const prefix = `QUEUE-${delayMs}MS-${RUN}`;
		return { delayMs, prefix, payments: payments(prefix, PAIRS), answers: [] };
	});
	let main: N8nServer | undefined;
	let workers: N8nServer[] = [];
	const afterPairs = new Map<string, Map<string, number>>();
	const afterRestart = new Map<string, Map<string, number>>();
	let figure: Record<string, unknown> = {};

	const env = queueModeEnv(DATABASE);

	async function startWorkers(): Promise<N8nServer[]> {
		return await Promise.all(
			WORKER_PORTS.map(async (port, i) => {
				const userFolder = freshUserFolder(`queue-worker-${i + 1}`);
				return await startLogged(`queue-worker-${i + 1}`, {
					userFolder,
					port,
					command: 'worker',
					readyUrl: `http://127.0.0.1:${port + 2}/healthz/readiness`,
					env: {
						...env,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(port + 2),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
				});
			}),
		);
	}

	async function counts(): Promise<Map<string, Map<string, number>>> {
		const result = new Map<string, Map<string, number>>();
		for (const group of groups) result.set(group.prefix, await recordedCounts(state, group.prefix));
		return result;
	}

	beforeAll(async () => {
		startQueueServices();
		freshDatabase(DATABASE);
		const userFolder = freshUserFolder('queue-main');
		await importFixtures({
			state,
			userFolder,
			cliPort: CLI_PORT,
			env,
			workflows: [singleWorkflow({ id: WORKFLOW_ID, path: PATH })],
		});
		[main, workers] = await Promise.all([
			startLogged('queue-main', { userFolder, port: MAIN_PORT, env }),
			startWorkers(),
		]);
		const rest = await Rest.open(main.url);
		await rest.activate(WORKFLOW_ID);
		await webhookRegistered(main.url, PATH);
		await setRateLimit(state, false);
		const url = main.url;

		// Every pair of every group, staggered; the second delivery of a pair does not wait for
		// the first one's answer.
		const pairs = groups.flatMap((group) =>
			group.payments.map((payment, index) => ({ group, payment, index })),
		);
		await Promise.all(
			pairs.map(async ({ group, payment, index }, n) => {
				await sleep(n * STAGGER_MS);
				const first = deliver(url, PATH, payment);
				await sleep(group.delayMs);
				const second = deliver(url, PATH, payment);
				group.answers[index] = await Promise.all([first, second]);
			}),
		);
		for (const group of groups) await waitForQuiet(state, group.prefix, 1000);
		for (const [prefix, count] of await counts()) afterPairs.set(prefix, count);

		// What the node's ledger (workflow static data, saved by each execution) holds now.
		const remembered = async () => {
			const staticData = JSON.stringify((await rest.staticData(WORKFLOW_ID)) ?? {});
			return new Set(staticData.match(new RegExp(`QUEUE-\\d+MS-${RUN}-\\d+`, 'g'))).size;
		};
		const rememberedAfterPairs = await remembered();

		const zero = groups[0];
		const zeroCounts = afterPairs.get(zero.prefix)!;
		figure = {
			measured: 'payments recorded more than once when the same webhook arrives twice at once',
			mode: 'queue: n8n start + 2 workers, Postgres, Redis',
			pairs: PAIRS,
			delayMs: 0,
			duplicatePayments: Object.keys(duplicates(zeroCounts)).length,
			extraPostings: total(zeroCounts) - zeroCounts.size,
			byGroup: Object.fromEntries(
				groups.map((group) => {
					const c = afterPairs.get(group.prefix)!;
					return [`${group.delayMs}ms`, { recorded: total(c), extraPostings: total(c) - c.size }];
				}),
			),
		};

		// Restart the workers (a deploy, a crash loop, scaling), then every payment once more.
		await Promise.all(workers.map((worker) => worker.stop()));
		workers = await startWorkers();
		await Promise.all(
			pairs.map(async ({ group, payment, index }, n) => {
				await sleep(n * STAGGER_MS);
				group.answers[index].push(await deliver(url, PATH, payment));
			}),
		);
		for (const group of groups) await waitForQuiet(state, group.prefix, 1000);
		for (const [prefix, count] of await counts()) afterRestart.set(prefix, count);
		const repostedAfterRestart = groups.reduce(
			(sum, group) =>
				sum + total(afterRestart.get(group.prefix)!) - total(afterPairs.get(group.prefix)!),
			0,
		);
		figure = {
			...figure,
			repostedAfterRestart,
			rememberedInStaticDataAfterPairs: rememberedAfterPairs,
			rememberedInStaticDataAtEnd: await remembered(),
			paymentsInAll: groups.length * PAIRS,
		};
		const file = writeReport('queue-0ms-duplicates', figure);
		log(`queue mode: ${JSON.stringify(figure)} (${file})`);
	});

	afterAll(async () => {
		await Promise.all([...workers, ...(main ? [main] : [])].map((server) => server.stop()));
		stopQueueServices();
	});

	test('every webhook answer accounts for its payment: posted, skipped or reported', () => {
		for (const group of groups) {
			const missing = group.payments.flatMap((payment, index) =>
				group.answers[index]
					.map((answer, n) => ({ n, outcome: outcomeOf(payment, answer), answer }))
					.filter(({ outcome }) => outcome === 'missing')
					.map(
						({ n, answer }) =>
							`${payment.reference_number} #${n + 1}: ${answer.status} ${answer.text.slice(0, 200)}`,
					),
			);
			expect(missing).toEqual([]);
		}
	});

	test('every recorded payment was answered as posted (none posted unseen)', () => {
		for (const group of groups) {
			const recorded = afterRestart.get(group.prefix)!;
			const mismatched = group.payments
				.map((payment, index) => {
					const posted = group.answers[index].filter(
						(answer) => outcomeOf(payment, answer) === 'posted',
					).length;
					return {
						reference: payment.reference_number,
						posted,
						recorded: recorded.get(payment.reference_number) ?? 0,
					};
				})
				.filter(({ posted, recorded: n }) => posted !== n);
			expect(mismatched).toEqual([]);
		}
	});

	test.each(DELAYS.filter((delay) => delay >= 300))(
		'pairs %i ms apart are recorded once',
		(delayMs) => {
			const group = groups.find((g) => g.delayMs === delayMs)!;
			const recorded = afterPairs.get(group.prefix)!;
			expect(duplicates(recorded)).toEqual({});
			expect(recorded.size).toBe(PAIRS);
		},
	);

	test('pairs 0 ms apart: duplicates measured (at most one per pair)', () => {
		const zero = groups[0];
		const recorded = afterPairs.get(zero.prefix)!;
		expect(recorded.size).toBe(PAIRS);
		expect(total(recorded) - recorded.size).toBeLessThanOrEqual(PAIRS);
		expect(Math.max(...recorded.values())).toBeLessThanOrEqual(2);
	});

	test('after the workers restart, a payment delivered again is not recorded again', () => {
		const reposted = groups.flatMap((group) => {
			const before = afterPairs.get(group.prefix)!;
			return [...afterRestart.get(group.prefix)!]
				.filter(([reference, n]) => n !== (before.get(reference) ?? 0))
				.map(([reference]) => reference);
		});
		expect(reposted).toEqual([]);
	});
});
