/** Checks the Propexo emulator directly over HTTP (Node's global fetch). */
import { SEED, WRITE_ERRORS } from './index';
import { useEmulator, withEmulator } from '../harness/useEmulator';

const emu = useEmulator({ writeStatusDelayMs: 100, rateLimit: false });
beforeEach(() => {
	emu.setRateLimit(false);
});

const PAYMENTS = '/v1/resident-payments/resman/';
const CHARGES = '/v1/resident-charges/resman/';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let refCounter = 0;

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const auth = init.auth === undefined ? `Bearer ${emu.token}` : init.auth;
	if (auth !== null) headers.authorization = auth;
	const res = await fetch(emu.url + path, {
		...init,
		headers: { ...headers, ...(init.headers as object) },
	});
	const text = await res.text();
	return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

const post = (path: string, body: unknown) =>
	call(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body) });

function payment(overrides: Record<string, unknown> = {}) {
	refCounter++;
	return {
		integration_id: SEED.primaryIntegrationId,
		resident_id: SEED.primaryResidentId,
		payment_type: 'Credit Card',
		batch_id: `BATCH-${refCounter}`,
		transaction_date: '2026-11-20T15:30:00.000Z',
		description: 'November rent',
		notes: 'Paid through n8n',
		amount_in_cents: 162500,
		reference_number: `REF-${refCounter}`,
		...overrides,
	};
}

async function waitForStatus(jobId: string): Promise<{ write_status: string; errors: string[] }> {
	for (let i = 0; i < 50; i++) {
		const { body } = await call(`/v1/admin/write-status/${jobId}`);
		if (body.write_status !== 'PENDING') return body;
		await sleep(25);
	}
	throw new Error('job stayed PENDING');
}

describe('auth and routing', () => {
	it('rejects missing, wrong and non-bearer credentials with 401 errorResponse', async () => {
		for (const auth of [null, 'Bearer wrong', `Basic ${emu.token}`]) {
			const res = await call('/v1/admin/integrations/?limit=1', { auth });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({
				error: { code: 'UNAUTHORIZED', message: 'Invalid or missing API key' },
			});
			expect(res.headers.get('x-ratelimit-limit')).toBeNull();
		}
		expect(emu.requests.map((r) => r.authorized)).toEqual([false, false, false]);
		expect(JSON.stringify(emu.requests)).not.toContain(emu.token);
	});

	it('treats trailing slashes exactly and answers 405 for wrong methods', async () => {
		const int = SEED.primaryIntegrationId;
		expect((await post('/v1/resident-payments/resman', payment())).status).toBe(404);
		expect((await call('/v1/admin/integrations')).status).toBe(404);
		expect((await call(`/v1/admin/integrations/${int}`)).status).toBe(404);
		expect((await call(`/v1/admin/integrations/${int}/`)).status).toBe(200);
		expect((await call(`/v1/residents/${SEED.primaryResidentId}/`)).status).toBe(404);
		expect((await call('/v1/admin/write-status/job-x/')).status).toBe(404);
		const wrong = await call(PAYMENTS);
		expect(wrong.status).toBe(405);
		expect(wrong.body.error.code).toBe('METHOD_NOT_ALLOWED');
		expect(emu.ledger).toHaveLength(0);
	});
});

describe('lookups', () => {
	it('lists integrations with vendor/archived filters, paging and limit checks', async () => {
		const resman = await call('/v1/admin/integrations/?integration_vendor=RESMAN&limit=250');
		expect(resman.body.meta).toMatchObject({ offset: 0, limit: 250, hasMore: false, total: 3 });
		expect(resman.body.meta.orderBy).toEqual([{ field: 'created_at', direction: 'desc' }]);
		expect(resman.body.results.map((i: { id: string }) => i.id).sort()).toEqual(
			[SEED.ids.oakwood, SEED.ids.harborview, SEED.ids.summitRidge].sort(),
		);
		expect(resman.body.results[0]).toMatchObject({
			vendor: 'RESMAN',
			active: true,
			system: 'PRODUCTION',
		});
		const all = await call('/v1/admin/integrations/?is_archived=true&order-by=name:asc');
		expect(all.body.meta.total).toBe(5);
		expect(all.body.results[0].name).toBe('Harborview Living – ResMan');
		expect((await call('/v1/admin/integrations/?limit=251')).status).toBe(400);
		expect((await call('/v1/admin/integrations/?order-by=nope:asc')).status).toBe(400);
		const one = await call(`/v1/admin/integrations/${SEED.ids.oakwood}/`);
		expect(one.body.results).toMatchObject({
			id: SEED.ids.oakwood,
			name: 'Oakwood Residential – ResMan',
		});
	});

	it('filters properties, residents and charge codes', async () => {
		const props = await call(`/v1/properties/?integration_id=${SEED.primaryIntegrationId}`);
		expect(props.body.results).toHaveLength(3);
		const propertyId = SEED.residentsOf(SEED.primaryIntegrationId)[0].property_id;
		const residents = await call(
			`/v1/residents/?integration_id=${SEED.primaryIntegrationId}&property_id=${propertyId}`,
		);
		expect(residents.body.results.length).toBeGreaterThan(5);
		for (const r of residents.body.results) expect(r.property_id).toBe(propertyId);
		const maria = (await call(`/v1/residents/${SEED.primaryResidentId}`)).body.results;
		expect(maria).toMatchObject({ first_name: 'Maria', last_name: 'Gonzalez' });
		expect(maria.leases_meta_data[0].lease_id).toEqual(expect.any(String));
		const byEmail = await call(`/v1/residents/?email_1=${encodeURIComponent(maria.email_1)}`);
		expect(byEmail.body.results.map((r: { id: string }) => r.id)).toEqual([maria.id]);
		const byPhone = await call(`/v1/residents/?phone_1=${maria.phone_1}`);
		expect(byPhone.body.results.map((r: { id: string }) => r.id)).toContain(maria.id);
		expect((await call('/v1/residents/?phone_1=12345')).status).toBe(400);
		const codes = await call(`/v1/charge-codes/?property_id=${propertyId}`);
		expect(codes.body.results.map((c: { name: string }) => c.name)).toContain('Rent');
	});
});

describe('POST /v1/resident-payments/resman/', () => {
	it('returns the job envelope, records the payment and reaches SUCCESS', async () => {
		const body = payment();
		const res = await post(PAYMENTS, body);
		expect(res.status).toBe(200);
		expect(res.body.meta.job_id).toMatch(/^job-[0-9a-f-]{36}$/);
		expect(res.body.result).toEqual(body);
		expect(emu.ledger).toEqual([
			{ jobId: res.body.meta.job_id, payment: body, at: expect.any(Number) },
		]);
		const pending = await call(`/v1/admin/write-status/${res.body.meta.job_id}`);
		expect(pending.body).toEqual({ write_status: 'PENDING', errors: [], created_record_id: null });
		expect(await waitForStatus(res.body.meta.job_id)).toEqual({
			write_status: 'SUCCESS',
			errors: [],
			created_record_id: null,
		});
		const list = await call(`/v1/resident-payments/?resident_id=${SEED.primaryResidentId}&limit=1`);
		expect(list.body.results[0]).toMatchObject({
			reference_number: body.reference_number,
			amount_in_cents: 162500,
			payment_method_raw: 'Credit Card',
		});
	});

	it('fails the job for the failing resident and for duplicates', async () => {
		const failing = await post(
			PAYMENTS,
			payment({ resident_id: SEED.failingResidentId(SEED.primaryIntegrationId) }),
		);
		expect(failing.status).toBe(200);
		expect(await waitForStatus(failing.body.meta.job_id)).toMatchObject({
			write_status: 'FAILURE',
			errors: [WRITE_ERRORS.failingResident],
		});
		const first = payment();
		const a = await post(PAYMENTS, first);
		const b = await post(PAYMENTS, first);
		const c = await post(PAYMENTS, { ...first, batch_id: 'OTHER-BATCH' });
		expect((await waitForStatus(a.body.meta.job_id)).write_status).toBe('SUCCESS');
		expect(await waitForStatus(b.body.meta.job_id)).toMatchObject({
			write_status: 'FAILURE',
			errors: [WRITE_ERRORS.duplicate],
		});
		expect((await waitForStatus(c.body.meta.job_id)).write_status).toBe('SUCCESS');
		expect(emu.ledger).toHaveLength(4);
		expect((await call('/v1/admin/write-status/job-unknown')).status).toBe(404);
	});

	const fields = Object.keys(payment());
	it.each(fields)('rejects a body without %s', async (field) => {
		const body: Record<string, unknown> = payment();
		delete body[field];
		const res = await post(PAYMENTS, body);
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('VALIDATION_ERROR');
		expect(res.body.error.message).toContain(field);
		expect(Object.keys(res.body.error.details)).toEqual([field]);
	});

	it.each([
		['amount_in_cents', 1625.5],
		['amount_in_cents', '162500'],
		['payment_type', 'CREDIT_CARD'],
		['payment_type', 'credit card'],
		['transaction_date', '2026-11-20'],
		['transaction_date', '2026-02-30T00:00:00Z'],
		['transaction_date', 'yesterday'],
		['batch_id', 42],
		['notes', null],
	])('rejects %s = %p', async (field, value) => {
		const res = await post(PAYMENTS, payment({ [field]: value }));
		expect(res.status).toBe(400);
		expect(res.body.error.details).toHaveProperty(field);
	});

	it('rejects unknown fields, bad JSON and references that do not exist', async () => {
		const extra = await post(PAYMENTS, payment({ lease_id: 'x' }));
		expect(extra.body.error.details).toHaveProperty('lease_id');
		expect(
			(await post(`${PAYMENTS}?ignore_unknown_fields=true`, payment({ lease_id: 'x' }))).status,
		).toBe(200);
		expect((await post(PAYMENTS, '{"integration_id":')).status).toBe(400);
		expect((await post(PAYMENTS, [payment()])).status).toBe(400);
		const plain = await call(PAYMENTS, {
			method: 'POST',
			body: JSON.stringify(payment()),
			headers: { 'content-type': 'text/plain' },
		});
		expect(plain.status).toBe(400);
		const codes = [
			[payment({ integration_id: 'nope' }), 'INTEGRATION_NOT_FOUND'],
			[payment({ integration_id: SEED.ids.mapleStreet }), 'INVALID_INTEGRATION_VENDOR'],
			[payment({ integration_id: SEED.ids.pinecrest }), 'INTEGRATION_INACTIVE'],
			[payment({ integration_id: SEED.ids.harborview }), 'RESIDENT_NOT_FOUND'],
		] as const;
		for (const [body, code] of codes) {
			const res = await post(PAYMENTS, body);
			expect([res.status, res.body.error.code]).toEqual([400, code]);
		}
		expect(emu.ledger).toHaveLength(1);
	});
});

describe('POST /v1/resident-charges/resman/', () => {
	it('accepts a charge with a charge code of the resident property', async () => {
		const resident = SEED.residents.find((r) => r.id === SEED.primaryResidentId)!;
		const charge = {
			...payment(),
			charge_code_id: SEED.chargeCodeId(resident.property_id, 'LATEFEE'),
			amount_in_cents: 7500,
		} as Record<string, unknown>;
		delete charge.payment_type;
		const res = await post(CHARGES, charge);
		expect(res.status).toBe(200);
		expect(emu.chargeLedger).toHaveLength(1);
		expect(emu.ledger).toHaveLength(0);
		expect((await waitForStatus(res.body.meta.job_id)).write_status).toBe('SUCCESS');
		const other = SEED.properties.find((p) => p.id !== resident.property_id)!;
		const bad = await post(CHARGES, {
			...charge,
			charge_code_id: SEED.chargeCodeId(other.id, 'RENT'),
		});
		expect(bad.body.error.code).toBe('CHARGE_CODE_NOT_FOUND');
	});
});

describe('GET /v1/resident-payments/', () => {
	it('pages through 600+ payments of the primary integration exactly once', async () => {
		const expected = SEED.paymentCount(SEED.primaryIntegrationId);
		expect(expected).toBeGreaterThan(600);
		const seen: string[] = [];
		for (let offset = 0, more = true; more; offset += 250) {
			const { body } = await call(
				`/v1/resident-payments/?integration_id=${SEED.primaryIntegrationId}&offset=${offset}&limit=250`,
			);
			expect(body.meta.total).toBe(expected);
			seen.push(...body.results.map((p: { id: string }) => p.id));
			more = body.meta.hasMore;
		}
		expect(seen).toHaveLength(expected);
		expect(new Set(seen).size).toBe(expected);
	});

	it('filters by inclusive transaction dates and sorts', async () => {
		const { body } = await call(
			`/v1/resident-payments/?integration_id=${SEED.primaryIntegrationId}&transaction_date_start=2026-03-01&transaction_date_end=2026-03-31&order-by=transaction_date:asc&limit=250`,
		);
		const dates = body.results.map((p: { transaction_date: string }) => p.transaction_date);
		expect(dates.length).toBeGreaterThan(20);
		expect(dates[0] >= '2026-03-01').toBe(true);
		expect(dates[dates.length - 1] < '2026-04-01').toBe(true);
		expect([...dates].sort()).toEqual(dates);
		const one = await call(`/v1/resident-payments/${body.results[0].id}`);
		expect(one.body.results).toEqual(body.results[0]);
		expect((await call('/v1/resident-payments/unknown-id')).status).toBe(404);
	});
});

describe('rate limiting', () => {
	it('counts, slows down above 80 % and answers 429 until the window resets', async () => {
		emu.setRateLimit({ limit: 10, windowMs: 1000, slowdownRatio: 0.8, slowdownMs: 150 });
		const started = Date.now();
		const timings: number[] = [];
		for (let i = 0; i < 10; i++) {
			const t = Date.now();
			const res = await call('/v1/admin/integrations/?limit=1');
			timings.push(Date.now() - t);
			expect(res.status).toBe(200);
			expect(res.headers.get('x-ratelimit-limit')).toBe('10');
			expect(res.headers.get('x-ratelimit-remaining')).toBe(String(9 - i));
		}
		expect(Math.max(...timings.slice(0, 8))).toBeLessThan(150);
		expect(Math.min(...timings.slice(8))).toBeGreaterThanOrEqual(140);
		const limited = await call('/v1/admin/integrations/?limit=1');
		expect(limited.status).toBe(429);
		expect(limited.body.error.code).toBe('RATE_LIMIT_EXCEEDED');
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('retry-after')).toBeNull();
		expect(limited.headers.get('x-ratelimit-reset')).toBeNull();
		await sleep(Math.max(0, 1000 - (Date.now() - started)) + 20);
		const again = await call('/v1/admin/integrations/?limit=1');
		expect(again.status).toBe(200);
		expect(again.headers.get('x-ratelimit-remaining')).toBe('9');
	});
});

describe('faults', () => {
	it('status: replies with the status and records nothing', async () => {
		emu.injectFaults({ method: 'POST', path: PAYMENTS }, { kind: 'status', status: 503 });
		const res = await post(PAYMENTS, payment());
		expect(res.status).toBe(503);
		expect(res.body.error.code).toBe('SERVICE_UNAVAILABLE');
		expect(emu.ledger).toHaveLength(0);
		emu.injectFaults({ path: PAYMENTS }, { kind: 'status', status: 500, body: { oops: true } });
		expect((await post(PAYMENTS, payment())).body).toEqual({ oops: true });
		expect((await post(PAYMENTS, payment())).status).toBe(200);
	});

	it('drop-before / drop-after / status-after and queue order', async () => {
		emu.injectFaults(
			{ method: 'POST', path: PAYMENTS },
			{ kind: 'drop-before' },
			{ kind: 'drop-after' },
			{ kind: 'status-after', status: 502 },
		);
		// A non-matching request does not consume the queue.
		expect((await call('/v1/admin/integrations/?limit=1')).status).toBe(200);
		await expect(post(PAYMENTS, payment())).rejects.toThrow();
		expect(emu.ledger).toHaveLength(0);
		const body = payment();
		await expect(post(PAYMENTS, body)).rejects.toThrow();
		expect(emu.ledger).toHaveLength(1);
		const afterRes = await post(PAYMENTS, payment());
		expect(afterRes.status).toBe(502);
		expect(emu.ledger).toHaveLength(2);
		// A retry of the dropped-after payment is a duplicate for ResMan.
		const retry = await post(PAYMENTS, body);
		expect(retry.status).toBe(200);
		expect((await waitForStatus(retry.body.meta.job_id)).errors).toEqual([WRITE_ERRORS.duplicate]);
		expect(emu.requests.filter((r) => r.path === PAYMENTS).map((r) => r.status)).toEqual([
			0, 0, 502, 200,
		]);
	});

	it('latency delays one matching response; {param} patterns match', async () => {
		emu.injectFaults({ path: '/v1/residents/{resident_id}' }, { kind: 'latency', ms: 250 });
		const t = Date.now();
		expect((await call(`/v1/residents/${SEED.primaryResidentId}`)).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(240);
		const t2 = Date.now();
		await call(`/v1/residents/${SEED.primaryResidentId}`);
		expect(Date.now() - t2).toBeLessThan(200);
	});
});

describe('HTTP control routes', () => {
	it('exposes requests, ledger, faults, rate limit, seed and reset without auth or logging', async () => {
		const control = (path: string, body?: unknown) =>
			call(`/__emulator/${path}`, {
				auth: null,
				method: body === undefined ? 'GET' : 'POST',
				body: body === undefined ? undefined : JSON.stringify(body),
			});
		expect(
			(
				await control('faults', {
					match: { method: 'POST' },
					faults: [{ kind: 'status', status: 500 }],
				})
			).status,
		).toBe(200);
		expect((await post(PAYMENTS, payment())).status).toBe(500);
		expect((await post(PAYMENTS, payment())).status).toBe(200);
		expect((await control('ledger')).body).toHaveLength(1);
		const requests = (await control('requests')).body;
		expect(requests.map((r: { status: number }) => r.status)).toEqual([500, 200]);
		expect((await control('faults', { faults: [{ kind: 'bogus' }] })).status).toBe(400);
		expect((await control('rate-limit', { limit: 5, windowMs: 60000 })).status).toBe(200);
		expect((await call('/v1/admin/integrations/?limit=1')).headers.get('x-ratelimit-limit')).toBe(
			'5',
		);
		expect((await control('rate-limit', false)).status).toBe(200);
		const seed = (await control('seed')).body;
		expect(seed.primaryIntegrationId).toBe(SEED.primaryIntegrationId);
		expect((await control('reset', {})).status).toBe(200);
		expect(emu.requests).toHaveLength(0);
		expect(emu.ledger).toHaveLength(0);
	});
});

describe('scale', () => {
	// How fast it serves them is the bench's business: timings stay out of tests.
	it('serves 1,000 concurrent requests and generates extra integrations for paging', async () => {
		await withEmulator({ rateLimit: false, seed: { extraIntegrations: 300 } }, async (big) => {
			const auth = { authorization: `Bearer ${big.token}` };
			const statuses: number[] = [];
			const worker = async (w: number) => {
				for (let i = w; i < 1000; i += 25) {
					const url = `${big.url}/v1/admin/integrations/?integration_vendor=RESMAN&limit=25&offset=${i % 300}`;
					const r = await fetch(url, { headers: auth });
					await r.arrayBuffer();
					statuses.push(r.status);
				}
			};
			await Promise.all(Array.from({ length: 25 }, (_, w) => worker(w)));
			expect(statuses).toHaveLength(1000);
			expect(statuses.every((s) => s === 200)).toBe(true);
			const res = await fetch(
				`${big.url}/v1/admin/integrations/?integration_vendor=RESMAN&limit=250`,
				{
					headers: auth,
				},
			);
			const body = (await res.json()) as { meta: { total: number; hasMore: boolean } };
			expect(body.meta).toMatchObject({ total: 303, hasMore: true });
		});
	});
});
