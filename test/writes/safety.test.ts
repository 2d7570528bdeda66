import { SEED, WRITE_ERRORS } from '../emulator';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { countsByReference, failureOf } from '../harness/account';
import { useEmulator, withEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 100 });
beforeEach(() => {
	emulator.setRateLimit(false);
});

function references(prefix: string, count: number) {
	return Array.from({ length: count }, (_, n) =>
		samplePayment({ reference_number: `${prefix}-${n}` }),
	);
}

describe('rate limit', () => {
	it('paces a run from the x-ratelimit headers: every payment once, no 429', async () => {
		emulator.setRateLimit({ limit: 10, windowMs: 1000, slowdownRatio: 0.8, slowdownMs: 100 });
		const items = references('PACE', 25);
		const started = Date.now();
		const { success, errors, error } = await runPaymentNode(emulator, {
			items,
			credential: { rateLimitWindowSeconds: 1 },
		});
		const elapsed = Date.now() - started;

		expect(error).toBeUndefined();
		expect(errors).toEqual([]);
		expect(success).toHaveLength(25);
		expect(emulator.requests.filter((request) => request.status === 429)).toEqual([]);
		const { recorded, sent } = countsByReference(emulator);
		for (const item of items) {
			expect(recorded.get(String(item.reference_number))).toBe(1);
			expect(sent.get(String(item.reference_number))).toBe(1);
		}
		// 25 requests at 10 per second need two full windows; allow for the margin we wait.
		expect(elapsed).toBeGreaterThanOrEqual(2000);
		expect(elapsed).toBeLessThan(6000);
	});

	it('resends a payment rejected with 429 once the window resets, and records it once', async () => {
		emulator.setRateLimit({ limit: 4, windowMs: 1500, slowdownRatio: 1, slowdownMs: 0 });
		// Another client with the same key uses up the window first.
		for (let n = 0; n < 4; n++) {
			await fetch(`${emulator.url}/v1/admin/integrations/?limit=1`, {
				headers: { authorization: `Bearer ${emulator.token}` },
			});
		}
		const items = references('AFTER429', 3);
		const { success, error } = await runPaymentNode(emulator, {
			items,
			credential: { rateLimitWindowSeconds: 1.5 },
		});

		expect(error).toBeUndefined();
		expect(success).toHaveLength(3);
		expect(paymentPosts(emulator).filter((post) => post.status === 429).length).toBeGreaterThan(0);
		const { recorded, sent } = countsByReference(emulator);
		for (const item of items) {
			expect(recorded.get(String(item.reference_number))).toBe(1);
			expect(sent.get(String(item.reference_number))).toBe(1);
		}
	});

	it('gives up with a clear error when the limit never lifts, and says nothing was posted', async () => {
		emulator.setRateLimit({ limit: 1, windowMs: 60_000, slowdownRatio: 1, slowdownMs: 0 });
		await fetch(`${emulator.url}/v1/admin/integrations/?limit=1`, {
			headers: { authorization: `Bearer ${emulator.token}` },
		});
		const { errors } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			onError: 'continueErrorOutput',
			// The node's bound is ten windows: one second each here.
			credential: { rateLimitWindowSeconds: 1 },
		});

		expect(errors).toHaveLength(1);
		expect(failureOf(errors[0]).message).toMatch(/rate limit stayed exhausted/);
		expect(failureOf(errors[0]).details).toMatch(
			/nothing was recorded and it is safe to run this item again/,
		);
		expect(emulator.ledger).toEqual([]);
	}, 20_000);
});

describe('a POST whose outcome is unknown is never resent', () => {
	const faults = [
		['a 500 before recording', { kind: 'status', status: 500 }, 0, /server error \(500\)/],
		['a 502 after recording', { kind: 'status-after', status: 502 }, 1, /server error \(502\)/],
		['a 503', { kind: 'status', status: 503 }, 0, /server error \(503\)/],
		['a dropped connection before recording', { kind: 'drop-before' }, 0, /lost the connection/],
		['a dropped connection after recording', { kind: 'drop-after' }, 1, /lost the connection/],
	] as const;

	it.each(faults)(
		'%s: the item fails saying it may have posted',
		async (_, fault, recordedCount, message) => {
			emulator.injectFaults({ method: 'POST', path: PAYMENT_URL }, fault);
			const items = [
				samplePayment({ reference_number: 'FAULTY' }),
				samplePayment({ reference_number: 'FINE' }),
			];
			const { success, errors } = await runPaymentNode(emulator, {
				items,
				onError: 'continueErrorOutput',
			});

			expect(errors).toHaveLength(1);
			expect(errors[0].pairedItem).toEqual({ item: 0 });
			expect(failureOf(errors[0]).message).toMatch(message);
			expect(failureOf(errors[0]).message).toMatch(/may have been recorded/);
			expect(failureOf(errors[0]).details).toMatch(
				/reference number FAULTY in batch portal-2026-11-25/,
			);
			expect(success.map((item) => item.json.reference_number)).toEqual(['FINE']);
			const { recorded, sent } = countsByReference(emulator);
			expect(sent.get('FAULTY')).toBe(1);
			expect(recorded.get('FAULTY') ?? 0).toBe(recordedCount);
			expect(recorded.get('FINE')).toBe(1);
		},
	);

	it('a timeout fails the item without resending it', async () => {
		emulator.injectFaults({ method: 'POST' }, { kind: 'latency', ms: 1500 });
		const { errors } = await runPaymentNode(emulator, {
			items: [samplePayment({ reference_number: 'SLOW' })],
			onError: 'continueErrorOutput',
			parameters: { ...CREATE_FROM_JSON, requestOptions: { timeout: 300 } },
		});

		expect(errors).toHaveLength(1);
		expect(failureOf(errors[0]).message).toMatch(
			/timed out — the payment \(reference SLOW\) may have been recorded/,
		);
		// Give the slow request time to land: it is recorded once, and never sent again.
		await new Promise((resolve) => setTimeout(resolve, 1500));
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(emulator.ledger).toHaveLength(1);
	});
});

describe('write confirmation', () => {
	const waitFor = (seconds = 10) => ({
		...CREATE_FROM_JSON,
		createOptions: { waitForConfirmation: true, confirmationTimeout: seconds },
	});

	it('adds SUCCESS to the output once ResMan accepted the payment', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			parameters: waitFor(),
		});

		expect(success[0].json).toMatchObject({ write_status: 'SUCCESS', write_errors: [] });
		expect(emulator.requests.map((request) => request.method)).toContain('GET');
	});

	it("turns FAILURE into an item error carrying Propexo's text", async () => {
		const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
		const { success, errors } = await runPaymentNode(emulator, {
			items: [samplePayment({ resident_id: failing }), samplePayment()],
			parameters: waitFor(),
			onError: 'continueErrorOutput',
		});

		expect(success).toHaveLength(1);
		expect(errors).toHaveLength(1);
		expect(errors[0].pairedItem).toEqual({ item: 0 });
		expect(failureOf(errors[0]).message).toBe(
			`ResMan did not record the payment (reference ${String(errors[0].json.reference_number)}): ${WRITE_ERRORS.failingResident}`,
		);
	});

	it('keeps an accepted payment a success (UNKNOWN) when its status cannot be read', async () => {
		const statusFailure = { kind: 'status', status: 503 } as const;
		emulator.injectFaults({ method: 'GET' }, statusFailure, statusFailure, statusFailure);
		const { success, errors } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			parameters: waitFor(),
			onError: 'continueErrorOutput',
		});

		expect(errors).toEqual([]);
		expect(success[0].json.write_status).toBe('UNKNOWN');
		expect(String(success[0].json.write_errors)).toMatch(/could not be read/);
		expect(paymentPosts(emulator)).toHaveLength(1);
	});

	it('outputs PENDING after the timeout instead of failing or posting again', async () => {
		await withEmulator({ rateLimit: false, writeStatusDelayMs: 60_000 }, async (slowEmulator) => {
			const { success } = await runPaymentNode(slowEmulator, {
				items: [samplePayment()],
				parameters: waitFor(1),
			});
			expect(success[0].json.write_status).toBe('PENDING');
			expect(slowEmulator.ledger).toHaveLength(1);
		});
	});
});

describe('Get Write Status', () => {
	it('reads the status of a job, retrying a GET after a server error', async () => {
		const { success } = await runPaymentNode(emulator, { items: [samplePayment()] });
		const jobId = String(success[0].json.job_id);
		await new Promise((resolve) => setTimeout(resolve, 200));
		const before = emulator.requests.length;
		emulator.injectFaults({ method: 'GET' }, { kind: 'status', status: 502 });

		const status = await runPaymentNode(emulator, {
			items: [{ job: jobId }],
			parameters: { operation: 'getWriteStatus', jobId: '={{ $json.job }}' },
		});

		expect(status.success.map((item) => item.json)).toEqual([
			{ job_id: jobId, write_status: 'SUCCESS', errors: [], created_record_id: null },
		]);
		expect(emulator.requests.slice(before).map((request) => request.status)).toEqual([502, 200]);
	});

	it('says the job was not found for an unknown job ID', async () => {
		const { error } = await runPaymentNode(emulator, {
			items: [{}],
			parameters: { operation: 'getWriteStatus', jobId: 'job-unknown' },
		});
		expect(error?.message).toMatch(/Propexo could not find write job job-unknown/);
	});
});
