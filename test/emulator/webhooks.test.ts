/** The emulator's webhooks: the /v1/webhooks/ routes, signed deliveries, retries, envelopes. */
import { SEED, signBody } from './index';
import { useEmulator } from '../harness/useEmulator';
import { useReceiver, type Received } from '../harness/useReceiver';

const received: Received[] = [];
// Statuses the receiver answers with, in turn; then 200.
const answers: number[] = [];

const emu = useEmulator({
	writeStatusDelayMs: 50,
	rateLimit: false,
	webhooks: { retryIntervalMs: 30 },
});
const receiver = useReceiver((delivery) => {
	received.push(delivery);
	return answers.shift() ?? 200;
});
beforeEach(() => {
	emu.webhooks.configure({ retryIntervalMs: 30, maxRetries: 10, envelope: 'wrapped' });
	received.length = 0;
	answers.length = 0;
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(method: string, path: string, body?: unknown) {
	const res = await fetch(emu.url + path, {
		method,
		headers: { authorization: `Bearer ${emu.token}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function register(extra: Record<string, unknown> = {}) {
	const { status, body } = await call('POST', '/v1/webhooks/', {
		url: `${receiver.url}/hook`,
		triggers: ['WRITE_OPERATION_FAILURE', 'DATA_NEW', 'SYNC_COMPLETE'],
		model: 'resident_payments',
		secret: 'a-secret-of-enough-length',
		active: true,
		...extra,
	});
	expect(status).toBe(201);
	return body.result as { id: string; secret: string; active: boolean };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
	const deadline = Date.now() + ms;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out');
		await sleep(10);
	}
}

function payment(overrides: Record<string, unknown> = {}) {
	return {
		integration_id: SEED.primaryIntegrationId,
		resident_id: SEED.primaryResidentId,
		payment_type: 'Credit Card',
		batch_id: 'HOOKS',
		transaction_date: '2026-11-20T15:30:00.000Z',
		description: 'November rent',
		notes: 'n8n',
		amount_in_cents: 1000,
		reference_number: `HOOK-${Math.random()}`,
		...overrides,
	};
}

describe('/v1/webhooks/', () => {
	test('create, get, list, update, delete; active defaults to false', async () => {
		const inactive = (
			await call('POST', '/v1/webhooks/', {
				url: `${receiver.url}/hook`,
				triggers: ['JOB_FAILURE'],
			})
		).body.result;
		expect(inactive.active).toBe(false);
		expect(inactive.secret.length).toBeGreaterThanOrEqual(10);
		const hook = await register();
		expect((await call('GET', `/v1/webhooks/${hook.id}`)).body.results.id).toBe(hook.id);
		const listed = (await call('GET', '/v1/webhooks/')).body.results as Array<{ id: string }>;
		expect(listed.map((h) => h.id)).toEqual([hook.id]);
		const updated = await call('PUT', `/v1/webhooks/${hook.id}`, { active: false });
		expect(updated.body.result.active).toBe(false);
		expect((await call('DELETE', `/v1/webhooks/${hook.id}`)).body).toEqual({
			result: { id: hook.id },
		});
		expect((await call('GET', `/v1/webhooks/${hook.id}`)).status).toBe(404);
	});

	test('a secret under 10 characters, no triggers or an unknown trigger are refused', async () => {
		const base = { url: `${receiver.url}/hook`, triggers: ['JOB_FAILURE'] };
		expect((await call('POST', '/v1/webhooks/', { ...base, secret: 'short' })).status).toBe(400);
		expect((await call('POST', '/v1/webhooks/', { ...base, triggers: [] })).status).toBe(400);
		expect((await call('POST', '/v1/webhooks/', { ...base, triggers: ['NOPE'] })).status).toBe(400);
		expect((await call('POST', '/v1/webhooks/', { triggers: ['JOB_FAILURE'] })).status).toBe(400);
	});
});

describe('deliveries', () => {
	test('a rejected payment is sent as WRITE_OPERATION_FAILURE, signed with the secret', async () => {
		const hook = await register();
		const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
		const posted = await call(
			'POST',
			'/v1/resident-payments/resman/',
			payment({ resident_id: failing }),
		);
		const jobId = posted.body.meta.job_id as string;
		await until(() => received.length === 1);
		const [delivery] = received;
		expect(delivery.headers['propexo-signature']).toBe(signBody(hook.secret, delivery.body));
		const body = JSON.parse(delivery.body);
		expect(body.trigger).toBe('WRITE_OPERATION_FAILURE');
		expect(body.data).toMatchObject({
			event: 'WRITE_OPERATION_FAILURE',
			root_job_id: jobId,
			write_status: 'FAILURE',
			integration_id: SEED.primaryIntegrationId,
		});
		expect(body.data.errors[0]).toMatch(/Lease is not in a status/);
	});

	test('an accepted payment comes back after the sync as DATA_NEW, then SYNC_COMPLETE (flat)', async () => {
		emu.webhooks.configure({ envelope: 'flat' });
		await register();
		const sent = payment();
		await call('POST', '/v1/resident-payments/resman/', sent);
		await until(() => received.length === 2);
		const [created, synced] = received.map((r) => JSON.parse(r.body));
		expect(created).toMatchObject({ event: 'DATA_NEW', object: 'resident_payments' });
		expect(created.payload.reference_number).toBe(sent.reference_number);
		expect(created.trigger).toBeUndefined();
		expect(synced.event).toBe('SYNC_COMPLETE');
	});

	test('a non-2xx answer is retried until 2xx; an inactive webhook gets nothing', async () => {
		await register({ active: false, url: `${receiver.url}/hook?inactive` });
		await register();
		answers.push(500, 503);
		const res = await fetch(`${emu.url}/__emulator/webhooks/emit`, {
			method: 'POST',
			body: JSON.stringify({ event: 'SYNC_COMPLETE', data: { integration_id: 'i' } }),
		});
		expect(res.status).toBe(200);
		await until(() => received.length === 3);
		await sleep(100);
		expect(received).toHaveLength(3);
		expect(new Set(received.map((r) => r.body)).size).toBe(1);
		const { deliveries } = (await (await fetch(`${emu.url}/__emulator/webhooks`)).json()) as {
			deliveries: Array<{ attempts: Array<{ status: number }>; delivered: boolean }>;
		};
		expect(deliveries[0].attempts.map((a) => a.status)).toEqual([500, 503, 200]);
		expect(deliveries[0].delivered).toBe(true);
	});

	test('retries stop after maxRetries', async () => {
		emu.webhooks.configure({ maxRetries: 2 });
		await register();
		answers.push(500, 500, 500, 500);
		emu.webhooks.emit('SYNC_COMPLETE', { integration_id: 'i' });
		await until(() => received.length === 3);
		await sleep(150);
		expect(received).toHaveLength(3);
	});
});
