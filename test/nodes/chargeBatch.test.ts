import type { IDataObject } from 'n8n-workflow';

import type { Fault } from '../emulator';
import { SEED, WRITE_ERRORS } from '../emulator';
import {
	BATCH_URL,
	CREATE_BATCH_FROM_JSON,
	PROPERTIES,
	chargePosts,
	chargesOf,
	residentsAt,
	runChargeNode,
	sampleCharge,
} from '../harness/chargeWorkflow';
import { failureOf } from '../harness/account';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

const [oakwood, barton, cedar] = PROPERTIES;

/** `count` rent charges at a property, one per resident, references PREFIX-0… */
function chargesAt(propertyId: string, prefix: string, count: number): IDataObject[] {
	return residentsAt(propertyId)
		.slice(0, count)
		.map((residentId, n) =>
			sampleCharge({ resident_id: residentId, reference_number: `${prefix}-${n}` }),
		);
}

function runBatch(items: IDataObject[], parameters: IDataObject = {}, more: IDataObject = {}) {
	return runChargeNode(emulator, {
		items,
		parameters: { ...CREATE_BATCH_FROM_JSON, ...parameters },
		...more,
	});
}

const batchPosts = () => chargePosts(emulator, BATCH_URL);

describe('Create in Batch: grouping', () => {
	it('sends one request per property, pairs every output with its input and gives it its job id', async () => {
		// Interleaved on purpose: the node groups by property, whatever the input order.
		const oak = chargesAt(oakwood, 'OAK', 3);
		const bar = chargesAt(barton, 'BAR', 2);
		const items = [oak[0], bar[0], oak[1], bar[1], oak[2]];
		const { success, errors, error } = await runBatch(items);

		expect(error).toBeUndefined();
		expect(errors).toEqual([]);
		const posts = batchPosts();
		expect(posts).toHaveLength(2);
		expect(posts.map((post) => chargesOf(post).map((charge) => charge.reference_number))).toEqual([
			['OAK-0', 'OAK-1', 'OAK-2'],
			['BAR-0', 'BAR-1'],
		]);
		// Integration once at the top; no property field (grouping only); the charges' 8 fields.
		expect(posts[0].body).toEqual({
			integration_id: SEED.primaryIntegrationId,
			charges: [oak[0], oak[1], oak[2]].map(
				({ integration_id: _i, property_id: _p, ...charge }) => ({
					...charge,
					transaction_date: '2026-12-01T00:00:00.000Z',
				}),
			),
		});

		expect(success.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(success.map((item) => item.json.reference_number)).toEqual(
			items.map((item) => item.reference_number),
		);
		const jobOf = (reference: unknown) =>
			emulator.chargeLedger.find((entry) => entry.charge.reference_number === reference)?.jobId;
		for (const item of success) {
			expect(item.json.job_id).toBe(jobOf(item.json.reference_number));
			expect(item.json.property_id).toBe(
				String(item.json.reference_number).startsWith('OAK') ? oakwood : barton,
			);
		}
		expect(new Set(success.map((item) => item.json.job_id)).size).toBe(2);
		expect(emulator.chargeLedger).toHaveLength(5);
	});

	it('never mixes properties in a request, so Propexo never refuses a batch for it', async () => {
		const items = [0, 1, 2, 3].flatMap((n) => [
			chargesAt(oakwood, 'OAK', 4)[n],
			chargesAt(barton, 'BAR', 4)[n],
			chargesAt(cedar, 'CED', 4)[n],
		]);
		const { success, error } = await runBatch(items);

		expect(error).toBeUndefined();
		expect(success).toHaveLength(12);
		const posts = batchPosts();
		expect(posts).toHaveLength(3);
		for (const post of posts) {
			expect(post.status).toBe(200);
			const properties = chargesOf(post).map(
				(charge) =>
					SEED.residents.find((resident) => resident.id === charge.resident_id)!.property_id,
			);
			expect(new Set(properties).size).toBe(1);
		}
	});

	it('splits a property into requests of Batch Size charges', async () => {
		const items = chargesAt(oakwood, 'OAK', 5);
		const { success } = await runBatch(items, { batchSize: 2 });

		expect(batchPosts().map((post) => chargesOf(post).length)).toEqual([2, 2, 1]);
		expect(new Set(success.map((item) => item.json.job_id)).size).toBe(3);
		expect(success[0].json.job_id).toBe(success[1].json.job_id);
		expect(success[1].json.job_id).not.toBe(success[2].json.job_id);
	});

	it('refuses a Batch Size that is not a positive whole number before sending anything', async () => {
		const { error } = await runBatch(chargesAt(oakwood, 'OAK', 2), { batchSize: '={{ 0 }}' });

		expect(error?.message).toBe('Batch Size: "0" is not a positive whole number');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Create in Batch: checks before anything is sent', () => {
	it('checks every item first: one bad item and the node stops with nothing sent', async () => {
		const items = [...chargesAt(oakwood, 'OAK', 3), ...chargesAt(barton, 'BAR', 3)];
		items[4] = { ...items[4], amount_in_cents: -100 };
		const { error } = await runBatch(items);

		expect(error?.message).toBe('Amount in Cents: -100 is negative (a credit) [item 4]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('needs a property for every item', async () => {
		const items = chargesAt(oakwood, 'OAK', 2);
		items[1] = { ...items[1], property_id: '' };
		const { error } = await runBatch(items);

		expect(error?.message).toBe('Property: is empty [item 1]');
		expect(error?.description).toMatch(/one request per property/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with "Continue (using error output)" sends the good items in batches, the bad ones to the error output', async () => {
		const items = chargesAt(oakwood, 'OAK', 4);
		items[2] = { ...items[2], notes: '' };
		const { success, errors } = await runBatch(items, {}, { onError: 'continueErrorOutput' });

		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 2 }]);
		expect(failureOf(errors[0]).message).toBe('Notes: is empty [item 2]');
		expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 3 }]);
		expect(batchPosts().map((post) => chargesOf(post).map((c) => c.reference_number))).toEqual([
			['OAK-0', 'OAK-1', 'OAK-3'],
		]);
	});

	it('Validate Only outputs each charge with the integration and property it is grouped by, and sends nothing', async () => {
		const items = [...chargesAt(oakwood, 'OAK', 2), ...chargesAt(barton, 'BAR', 1)];
		const { success, error } = await runBatch(items, { createOptions: { validateOnly: true } });

		expect(error).toBeUndefined();
		expect(success.map((item) => item.json)).toEqual(
			items.map((item) => ({ ...item, transaction_date: '2026-12-01T00:00:00.000Z' })),
		);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Create in Batch: a rejected batch', () => {
	it("fails each item of the refused request with Propexo's text, naming the charge Propexo named", async () => {
		const oak = chargesAt(oakwood, 'OAK', 3);
		oak[1] = { ...oak[1], resident_id: 'no-such-resident' };
		const bar = chargesAt(barton, 'BAR', 2);
		const { success, errors } = await runBatch(
			[...oak, ...bar],
			{},
			{ onError: 'continueErrorOutput' },
		);

		expect(success.map((item) => item.json.reference_number)).toEqual(['BAR-0', 'BAR-1']);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const [n, item] of errors.entries()) {
			expect(failureOf(item).message).toBe(
				`Propexo rejected the batch of 3 charges for property ${oakwood} (references OAK-0, OAK-1, OAK-2): Resident 'no-such-resident' (charges[1].resident_id) was not found in integration '${SEED.primaryIntegrationId}' [item ${n}]`,
			);
			expect(failureOf(item).details).toMatch(/Nothing was recorded/);
		}
		expect(failureOf(errors[1]).details).toMatch(
			/^Propexo names this charge: it is charges\[1\] of the request\./,
		);
		expect(failureOf(errors[0]).details).toMatch(
			/^Propexo names item 1, not this one \(charges\[0\] of the request\)/,
		);
		expect(emulator.chargeLedger.map((entry) => entry.charge.reference_number)).toEqual([
			'BAR-0',
			'BAR-1',
		]);
	});

	it('stops the run with an account of every item when the node stops on errors', async () => {
		const bar = chargesAt(barton, 'BAR', 2);
		const oak = chargesAt(oakwood, 'OAK', 2);
		oak[0] = { ...oak[0], charge_code_id: SEED.chargeCodeId(barton, 'RENT') };
		const { error } = await runBatch([...bar, ...oak]);

		expect(error?.message).toMatch(
			/^Propexo rejected the batch of 2 charges .*Charge code .* \[item 2\]$/,
		);
		expect(error?.description).toMatch(
			/Posted: 2 charges \(reference → job ID\): BAR-0 \(batch rent-2026-12\) → job-/,
		);
		expect(error?.description).toMatch(
			/Refused, nothing recorded: 2: item 2: OAK-0 .*; item 3: OAK-1/,
		);
	});

	it("with Wait for Confirmation, a batch job that ends in FAILURE fails each of its items with ResMan's text", async () => {
		const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
		const items = chargesAt(oakwood, 'OAK', 3);
		items[2] = { ...items[2], resident_id: failing };
		const bar = chargesAt(barton, 'BAR', 1);
		const { success, errors } = await runBatch(
			[...items, ...bar],
			{ createOptions: { waitForConfirmation: true, confirmationTimeout: 10 } },
			{ onError: 'continueErrorOutput' },
		);

		expect(success.map((item) => [item.json.reference_number, item.json.write_status])).toEqual([
			['BAR-0', 'SUCCESS'],
		]);
		expect(errors.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		for (const item of errors) {
			expect(failureOf(item).message).toMatch(
				new RegExp(
					`^ResMan did not record the batch of 3 charges .*: charges\\[2\\]: ${WRITE_ERRORS.failingResident}`,
				),
			);
		}
		expect(failureOf(errors[2]).details).toMatch(/^Propexo names this charge/);
		expect(failureOf(errors[0]).details).toMatch(/^Propexo names item 2, not this one/);
		// One job per batch, polled once it is final: never one poll per charge.
		const polled = new Set(
			emulator.requests
				.filter((request) => request.method === 'GET')
				.map((request) => request.path),
		);
		expect(polled.size).toBe(2);
	});
});

describe('Create in Batch: a batch whose outcome is unknown is never resent', () => {
	const faults: Array<[string, Fault, RegExp]> = [
		['a 503 after recording', { kind: 'status-after', status: 503 }, /server error \(503\)/],
		['a dropped connection after recording', { kind: 'drop-after' }, /lost the connection/],
		['an answer without a job id', { kind: 'no-job-id' }, /without a job ID/],
	];

	it.each(faults)(
		'%s: each item of that batch says it may have been recorded',
		async (_, fault, message) => {
			emulator.injectFaults({ method: 'POST', path: BATCH_URL }, fault);
			const oak = chargesAt(oakwood, 'OAK', 3);
			const bar = chargesAt(barton, 'BAR', 2);
			const { success, errors } = await runBatch(
				[...oak, ...bar],
				{},
				{ onError: 'continueErrorOutput' },
			);

			expect(errors.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			for (const [n, item] of errors.entries()) {
				expect(failureOf(item).message).toMatch(message);
				expect(failureOf(item).message).toMatch(
					/the batch of 3 charges for property .* \(references OAK-0, OAK-1, OAK-2\)/,
				);
				expect(failureOf(item).message).toMatch(/may have been recorded/);
				expect(failureOf(item).message).toMatch(new RegExp(`\\[item ${n}\\]$`));
				expect(failureOf(item).details).toMatch(
					/the whole request of 3 charges \(items 0–2\) may already be in ResMan\. Look in ResMan → Partner Transactions for batch rent-2026-12 at property .*, references OAK-0, OAK-1, OAK-2/,
				);
			}
			expect(success.map((item) => item.json.reference_number)).toEqual(['BAR-0', 'BAR-1']);
			expect(batchPosts()).toHaveLength(2);
			expect(emulator.chargeLedger).toHaveLength(5);
		},
	);

	it('under Retry On Fail the unknown batch is reported again, not resent', async () => {
		emulator.injectFaults(
			{ method: 'POST', path: BATCH_URL },
			{ kind: 'status-after', status: 503 },
		);
		const items = [...chargesAt(oakwood, 'OAK', 2), ...chargesAt(barton, 'BAR', 2)];
		const started = Date.now();
		const { error } = await runBatch(
			items,
			{},
			{
				settings: { retryOnFail: true, maxTries: 3, waitBetweenTries: 500 },
			},
		);

		// Two waits between three tries: n8n did run the node again.
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);

		expect(error?.message).toMatch(
			/server error \(503\) — the batch of 2 charges .* may have been recorded \[item 0\]/,
		);
		expect(error?.description).toMatch(
			/Outcome unknown, may have been recorded — check in ResMan before posting again: 2/,
		);
		// The first try stopped at the failure: the second batch is sent by no try.
		const posts = batchPosts();
		expect(posts).toHaveLength(1);
		expect(emulator.chargeLedger).toHaveLength(2);
	});

	it('a later execution does not send the unknown charges again', async () => {
		const shared = { workflowId: 'rent-unknown', staticData: {} as IDataObject };
		emulator.injectFaults({ method: 'POST', path: BATCH_URL }, { kind: 'drop-after' });
		const items = chargesAt(oakwood, 'OAK', 2);
		await runBatch(items, {}, { onError: 'continueErrorOutput', ...shared });
		const again = await runBatch(items, {}, { onError: 'continueErrorOutput', ...shared });

		expect(again.errors.map((item) => failureOf(item).message)).toEqual([
			expect.stringMatching(
				/^Not sent: this charge was sent at .* and its outcome is unknown \[item 0\]/,
			),
			expect.stringMatching(
				/^Not sent: this charge was sent at .* and its outcome is unknown \[item 1\]/,
			),
		]);
		expect(batchPosts()).toHaveLength(1);
	});
});

describe('Create in Batch: Skip Already Posted', () => {
	it('skips, charge by charge, what an earlier execution of the workflow posted', async () => {
		const shared = { workflowId: 'rent-roll', staticData: {} as IDataObject };
		const items = chargesAt(oakwood, 'OAK', 4);
		const first = await runBatch(items.slice(0, 3), {}, shared);
		const second = await runBatch(items, {}, shared);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(second.success.map((item) => item.json.skipped ?? false)).toEqual([
			true,
			true,
			true,
			false,
		]);
		expect(second.success.slice(0, 3).map((item) => item.json.job_id)).toEqual(
			first.success.map((item) => item.json.job_id),
		);
		expect(batchPosts().map((post) => chargesOf(post).map((c) => c.reference_number))).toEqual([
			['OAK-0', 'OAK-1', 'OAK-2'],
			['OAK-3'],
		]);
	});
});
