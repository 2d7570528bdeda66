import type { IDataObject } from 'n8n-workflow';

import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
} from '../harness/paymentWorkflow';
import { failureOf } from '../harness/account';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

let workflowCounter = 0;

/** Two or more executions of one saved, active workflow: same id, same static data. */
function savedWorkflow() {
	const workflowId = `ledger-workflow-${++workflowCounter}`;
	const staticData: IDataObject = {};
	return {
		staticData,
		run: (
			items: IDataObject[],
			options: { parameters?: IDataObject; onError?: 'continueErrorOutput' } = {},
		) =>
			runPaymentNode(emulator, {
				items,
				workflowId,
				staticData,
				mode: 'webhook',
				onError: options.onError ?? 'continueErrorOutput',
				parameters: options.parameters,
			}),
	};
}

/** Runs `action` with the clock moved `days` ahead. */
async function later<T>(days: number, action: () => Promise<T>): Promise<T> {
	const now = Date.now;
	const shift = days * 86_400_000;
	jest.spyOn(Date, 'now').mockImplementation(() => now() + shift);
	try {
		return await action();
	} finally {
		jest.restoreAllMocks();
	}
}

function recordedReferences(): string[] {
	return emulator.ledger.map((entry) => String(entry.payment.reference_number));
}

describe('Skip Already Posted', () => {
	it('skips a payment an earlier execution posted, with the first job id', async () => {
		const workflow = savedWorkflow();
		const payment = samplePayment({ reference_number: 'WEBHOOK-1' });
		const first = await workflow.run([payment]);
		const second = await workflow.run([payment]);

		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(recordedReferences()).toEqual(['WEBHOOK-1']);
		expect(second.errors).toEqual([]);
		expect(second.success).toHaveLength(1);
		expect(second.success[0].pairedItem).toEqual({ item: 0 });
		expect(second.success[0].json).toMatchObject({
			skipped: true,
			job_id: first.success[0].json.job_id,
			reference_number: 'WEBHOOK-1',
		});
		expect(Date.parse(String(second.success[0].json.already_posted_at))).toBeLessThanOrEqual(
			Date.now(),
		);
	});

	it('remembers through the static data alone, as after n8n restarted', async () => {
		const workflowId = `ledger-restart-${++workflowCounter}`;
		const staticData: IDataObject = {};
		const payment = samplePayment({ reference_number: 'RESTART-1' });
		const run = (nodeId: string) =>
			runPaymentNode(emulator, {
				items: [payment],
				workflowId,
				staticData,
				nodeId,
				mode: 'trigger',
			});
		const first = await run('before-restart');
		const second = await run('after-restart');

		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(second.success[0].json).toMatchObject({
			skipped: true,
			job_id: first.success[0].json.job_id,
		});
	});

	it('posts a different reference number of the same workflow', async () => {
		const workflow = savedWorkflow();
		await workflow.run([samplePayment({ reference_number: 'WEBHOOK-A' })]);
		const second = await workflow.run([samplePayment({ reference_number: 'WEBHOOK-B' })]);

		expect(second.success[0].json.skipped).toBeUndefined();
		expect(recordedReferences().sort()).toEqual(['WEBHOOK-A', 'WEBHOOK-B']);
	});

	it('refuses a conflicting payment (same reference, other amount) and names both', async () => {
		const workflow = savedWorkflow();
		await workflow.run([samplePayment({ reference_number: 'CONFLICT-1', amount_in_cents: 1000 })]);
		const second = await workflow.run([
			samplePayment({ reference_number: 'CONFLICT-1', amount_in_cents: 2500 }),
		]);

		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(second.success).toEqual([]);
		expect(second.errors).toHaveLength(1);
		expect(failureOf(second.errors[0]).message).toMatch(/^Conflict: reference CONFLICT-1/);
		expect(failureOf(second.errors[0]).details).toMatch(/Earlier: 1000 cents .* Now: 2500 cents/);
	});

	it('refuses a repeat whose first outcome was unknown, saying to check first', async () => {
		const workflow = savedWorkflow();
		emulator.injectFaults({ method: 'POST' }, { kind: 'status-after', status: 503 });
		const payment = samplePayment({ reference_number: 'UNKNOWN-1' });
		const first = await workflow.run([payment]);
		expect(failureOf(first.errors[0]).message).toMatch(/may have been recorded/);

		const second = await workflow.run([payment]);
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(second.errors).toHaveLength(1);
		expect(failureOf(second.errors[0]).message).toMatch(/outcome is unknown/);
		expect(failureOf(second.errors[0]).details).toMatch(/Check for reference UNKNOWN-1/);
	});

	it('sends a repeat within one execution once: the second item is skipped', async () => {
		const workflow = savedWorkflow();
		const payment = samplePayment({ reference_number: 'TWICE-IN-RUN' });
		const { success, errors } = await workflow.run([payment, payment]);

		expect(errors).toEqual([]);
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(success[0].json.skipped).toBeUndefined();
		expect(success[1].json).toMatchObject({ skipped: true, job_id: success[0].json.job_id });
	});

	it('refuses a conflict within one execution before sending it', async () => {
		const workflow = savedWorkflow();
		const { success, errors } = await workflow.run([
			samplePayment({ reference_number: 'SAME-REF', amount_in_cents: 100 }),
			samplePayment({ reference_number: 'SAME-REF', amount_in_cents: 200 }),
		]);

		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(success).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 1 });
		expect(failureOf(errors[0]).message).toMatch(/^Conflict/);
	});

	it('lets two executions running at once send a payment only once', async () => {
		const workflowId = `ledger-concurrent-${++workflowCounter}`;
		const payment = samplePayment({ reference_number: 'CONCURRENT-1' });
		// Each execution loaded the workflow's static data before the other saved anything.
		const run = () =>
			runPaymentNode(emulator, {
				items: [payment],
				workflowId,
				staticData: {},
				mode: 'webhook',
			});
		const [a, b] = await Promise.all([run(), run()]);
		expect([a.error?.message, b.error?.message]).toEqual([undefined, undefined]);

		expect(paymentPosts(emulator)).toHaveLength(1);
		const outputs = [a.success[0].json, b.success[0].json];
		expect(outputs.filter((json) => json.skipped === true)).toHaveLength(1);
		expect(outputs[0].job_id).toBe(outputs[1].job_id);
	});

	it('forgets payments older than Remember Posted For (Days), 45 by default', async () => {
		const workflow = savedWorkflow();
		const payment = samplePayment({ reference_number: 'OLD-1' });
		await workflow.run([payment]);
		const in44Days = await later(44, () => workflow.run([payment]));
		expect(in44Days.success[0].json.skipped).toBe(true);
		const in46Days = await later(46, () => workflow.run([payment]));
		expect(in46Days.success[0].json.skipped).toBeUndefined();
		expect(paymentPosts(emulator)).toHaveLength(2);
	});

	it('keeps a payment within a longer Remember Posted For (Days)', async () => {
		const workflow = savedWorkflow();
		const parameters = { ...CREATE_FROM_JSON, createOptions: { rememberDays: 90 } };
		const payment = samplePayment({ reference_number: 'KEPT-1' });
		await workflow.run([payment], { parameters });
		const second = await later(89, () => workflow.run([payment], { parameters }));
		expect(second.success[0].json.skipped).toBe(true);
		expect(paymentPosts(emulator)).toHaveLength(1);
	});

	it('posts a repeat on purpose when Skip Already Posted is off', async () => {
		const workflow = savedWorkflow();
		const payment = samplePayment({ reference_number: 'ON-PURPOSE' });
		await workflow.run([payment]);
		const second = await workflow.run([payment], {
			parameters: { ...CREATE_FROM_JSON, skipAlreadyPosted: false },
		});

		expect(second.success[0].json.skipped).toBeUndefined();
		expect(paymentPosts(emulator)).toHaveLength(2);
	});
});
