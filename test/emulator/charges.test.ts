/** Resident charges in the emulator: the batch write, its faults, seeded charges, charge codes. */
import { DEFAULT_MAX_BATCH_SIZE, SEED, WRITE_ERRORS, batchWriteError, buildSeed } from './index';
import { useEmulator, withEmulator } from '../harness/useEmulator';

const emu = useEmulator({ writeStatusDelayMs: 300, rateLimit: false });
beforeEach(() => {
	emu.setRateLimit(false);
	emu.setMaxBatchSize(undefined);
});

const BATCH = '/v1/resident-charges/batch/resman/';
const CHARGES = '/v1/resident-charges/resman/';
const PAYMENTS = '/v1/resident-payments/resman/';
const OAKWOOD = SEED.primaryIntegrationId;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let refCounter = 0;

async function call(path: string, init: RequestInit & { auth?: string | null } = {}) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	const auth = init.auth === undefined ? `Bearer ${emu.token}` : init.auth;
	if (auth !== null) headers.authorization = auth;
	const res = await fetch(emu.url + path, { ...init, headers });
	const text = await res.text();
	return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const post = (path: string, body: unknown) =>
	call(path, { method: 'POST', body: JSON.stringify(body) });

const control = (path: string, body?: unknown) =>
	call(`/__emulator/${path}`, {
		auth: null,
		method: body === undefined ? 'GET' : 'POST',
		body: body === undefined ? undefined : JSON.stringify(body),
	});

const maria = SEED.residents.find((r) => r.id === SEED.primaryResidentId)!;
/** Residents of Maria's property (Oakwood Commons), Maria first, the failing resident excluded. */
const neighbours = SEED.residentsOf(OAKWOOD).filter(
	(r) => r.property_id === maria.property_id && r.id !== SEED.failingResidentId(OAKWOOD),
);
const elsewhere = SEED.residentsOf(OAKWOOD).find((r) => r.property_id !== maria.property_id)!;

function item(resident = maria, overrides: Record<string, unknown> = {}) {
	refCounter++;
	return {
		resident_id: resident.id,
		charge_code_id: SEED.chargeCodeId(resident.property_id, 'PARKING'),
		batch_id: 'BATCH-2026-12',
		transaction_date: '2026-12-01T00:00:00.000Z',
		description: 'Reserved parking – December 2026',
		notes: 'Posted through n8n',
		amount_in_cents: 5000,
		reference_number: `PARK-${refCounter}`,
		...overrides,
	};
}

const batch = (charges: unknown[], integrationId = OAKWOOD) => ({
	integration_id: integrationId,
	charges,
});

async function waitForStatus(jobId: string): Promise<{ write_status: string; errors: string[] }> {
	for (let i = 0; i < 100; i++) {
		const { body } = await call(`/v1/admin/write-status/${jobId}`);
		if (body.write_status !== 'PENDING') return body;
		await sleep(25);
	}
	throw new Error('job stayed PENDING');
}

/** The resident's charges with this one's reference number (seeded ones never reuse it). */
async function created(charge: { resident_id: string; reference_number: string }) {
	const { body } = await call(`/v1/resident-charges/?resident_id=${charge.resident_id}&limit=250`);
	return (body.results as Record<string, unknown>[]).filter(
		(c) => c.reference_number === charge.reference_number,
	);
}

describe('POST /v1/resident-charges/batch/resman/', () => {
	it('accepts a batch as one job, records every charge once and creates them on SUCCESS', async () => {
		const charges = neighbours.slice(0, 3).map((r) => item(r));
		const res = await post(BATCH, batch(charges));
		expect(res.status).toBe(200);
		const jobId = res.body.meta.job_id;
		expect(jobId).toMatch(/^job-[0-9a-f-]{36}$/);
		const pending = await call(`/v1/admin/write-status/${jobId}`);
		expect(pending.body).toEqual({ write_status: 'PENDING', errors: [], created_record_id: null });
		expect(await created(charges[0])).toEqual([]);
		expect(res.body).toEqual({ meta: { job_id: jobId }, result: batch(charges) });
		expect(emu.chargeLedger).toEqual(
			charges.map((charge, i) => ({
				jobId,
				charge: { integration_id: OAKWOOD, ...charge },
				at: expect.any(Number),
				batchIndex: i,
			})),
		);
		expect(emu.ledger).toHaveLength(0);
		expect((await control('charge-ledger')).body).toHaveLength(3);
		expect(emu.requests[0]).toMatchObject({ method: 'POST', path: BATCH, status: 200 });
		expect(emu.requests[0].body).toEqual(batch(charges));

		expect(await waitForStatus(jobId)).toEqual({
			write_status: 'SUCCESS',
			errors: [],
			created_record_id: null,
		});
		for (const [i, charge] of charges.entries()) {
			expect(await created(charge)).toEqual([
				expect.objectContaining({
					resident_id: neighbours[i].id,
					charge_code_id: charge.charge_code_id,
					amount_in_cents: 5000,
					amount_open_in_cents: 5000,
					is_open: true,
					name: 'Parking',
					transaction_source: 'API',
				}),
			]);
		}
	});

	it('names the charge index in validation details', async () => {
		const charges: unknown[] = [
			item(),
			item(maria, { amount_in_cents: 12.5, lease_id: 'x' }),
			(({ notes: _notes, ...rest }) => rest)(item()),
			'not a charge',
		];
		const res = await post(BATCH, batch(charges));
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('VALIDATION_ERROR');
		expect(res.body.error.message).toContain('charges[1].amount_in_cents');
		expect(Object.keys(res.body.error.details).sort()).toEqual([
			'charges[1].amount_in_cents',
			'charges[1].lease_id',
			'charges[2].notes',
			'charges[3]',
		]);
		const cases: [unknown, string][] = [
			[batch([]), 'charges'],
			[{ integration_id: OAKWOOD }, 'charges'],
			[{ integration_id: OAKWOOD, charges: item() }, 'charges'],
			[{ charges: [item()] }, 'integration_id'],
			[{ ...batch([item()]), extra: true }, 'extra'],
			[batch([{ ...item(), integration_id: OAKWOOD }]), 'charges[0].integration_id'],
			[[item()], 'body'],
		];
		for (const [body, key] of cases) {
			const bad = await post(BATCH, body);
			expect([bad.status, bad.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
			expect(Object.keys(bad.body.error.details)).toEqual([key]);
		}
		const unknown = batch([{ ...item(), lease_id: 'x' }]);
		expect((await post(`${BATCH}?ignore_unknown_fields=true`, unknown)).status).toBe(200);
		expect(emu.chargeLedger).toHaveLength(1);
		expect(emu.chargeLedger[0].charge).not.toHaveProperty('lease_id');
	});

	it.each(Object.keys(item()))('requires charges[].%s', async (field) => {
		const broken: Record<string, unknown> = item();
		delete broken[field];
		const res = await post(BATCH, batch([item(), broken]));
		expect(res.status).toBe(400);
		expect(res.body.error.details).toEqual({
			[`charges[1].${field}`]: `'charges[1].${field}' is required`,
		});
	});

	it.each([
		['a credit', -2500, 200],
		['zero', 0, 200],
		['a fraction', 12.5, 400],
		['a string', '5000', 400],
	])('treats %s amount like the single charge route', async (_, amount, status) => {
		const one = await post(CHARGES, {
			integration_id: OAKWOOD,
			...item(maria, { amount_in_cents: amount }),
		});
		const many = await post(BATCH, batch([item(), item(maria, { amount_in_cents: amount })]));
		expect([one.status, many.status]).toEqual([status, status]);
		if (one.status === 400) {
			expect(many.body.error.details['charges[1].amount_in_cents']).toBe(
				one.body.error.details.amount_in_cents.replace(
					"'amount_in_cents'",
					"'charges[1].amount_in_cents'",
				),
			);
		}
	});

	it('checks the integration, every resident and every charge code, naming the index', async () => {
		const codes: [unknown, string][] = [
			[batch([item()], 'nope'), 'INTEGRATION_NOT_FOUND'],
			[batch([item()], SEED.ids.mapleStreet), 'INVALID_INTEGRATION_VENDOR'],
			[batch([item()], SEED.ids.pinecrest), 'INTEGRATION_INACTIVE'],
		];
		for (const [body, code] of codes) {
			const res = await post(BATCH, body);
			expect([res.status, res.body.error.code]).toEqual([400, code]);
		}
		const harbor = SEED.residentsOf(SEED.ids.harborview)[0];
		const residents = await post(
			BATCH,
			batch([item(), item(), item(harbor), item(maria, { resident_id: 'nope' })]),
		);
		expect(residents.body.error).toMatchObject({
			code: 'RESIDENT_NOT_FOUND',
			details: {
				'charges[2].resident_id': expect.any(String),
				'charges[3].resident_id': expect.any(String),
			},
		});
		expect(residents.body.error.message).toContain('charges[2].resident_id');
		expect(Object.keys(residents.body.error.details)).toHaveLength(2);
		const otherProperty = SEED.chargeCodeId(elsewhere.property_id, 'PARKING');
		const codesRes = await post(
			BATCH,
			batch([item(), item(neighbours[1], { charge_code_id: otherProperty })]),
		);
		expect(codesRes.body.error).toMatchObject({
			code: 'CHARGE_CODE_NOT_FOUND',
			details: { 'charges[1].charge_code_id': expect.any(String) },
		});
		expect(emu.chargeLedger).toHaveLength(0);
	});

	it('rejects a batch that mixes properties and records nothing', async () => {
		const res = await post(BATCH, batch([item(), item(neighbours[1]), item(elsewhere)]));
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('MIXED_PROPERTIES');
		expect(res.body.error.message).toContain('same ResMan property');
		expect(Object.keys(res.body.error.details)).toEqual(['charges[2].resident_id']);
		expect(res.body.error.details['charges[2].resident_id']).toContain(elsewhere.property_id);
		expect(emu.chargeLedger).toHaveLength(0);
		const list = await call(`/v1/resident-charges/?integration_id=${OAKWOOD}&limit=1`);
		expect(list.body.meta.total).toBe(SEED.chargeCount(OAKWOOD));
	});

	it('answers BATCH_TOO_LARGE above the maximum (default 500, configurable)', async () => {
		const many = (n: number) => batch(Array.from({ length: n }, () => item()));
		expect(DEFAULT_MAX_BATCH_SIZE).toBe(500);
		const tooMany = await post(BATCH, many(501));
		expect(tooMany.status).toBe(400);
		expect(tooMany.body.error).toMatchObject({
			code: 'BATCH_TOO_LARGE',
			details: { charges: expect.stringContaining('500') },
		});
		expect(emu.chargeLedger).toHaveLength(0);
		expect((await post(BATCH, many(500))).status).toBe(200);
		expect(emu.chargeLedger).toHaveLength(500);
		expect(new Set(emu.chargeLedger.map((e) => e.jobId)).size).toBe(1);

		emu.setMaxBatchSize(2);
		expect((await post(BATCH, many(3))).body.error.code).toBe('BATCH_TOO_LARGE');
		expect((await post(BATCH, many(2))).status).toBe(200);
		expect((await control('max-batch-size', { maxBatchSize: 1 })).body).toEqual({
			ok: true,
			maxBatchSize: 1,
		});
		expect((await post(BATCH, many(2))).body.error.code).toBe('BATCH_TOO_LARGE');
		expect((await control('max-batch-size', 0)).status).toBe(400);
		expect((await control('max-batch-size', null)).body.maxBatchSize).toBe(500);
		expect(() => emu.setMaxBatchSize(1.5)).toThrow();

		await withEmulator({ rateLimit: false, maxBatchSize: 1 }, async (small) => {
			const res = await fetch(`${small.url}${BATCH}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${small.token}`, 'content-type': 'application/json' },
				body: JSON.stringify(many(2)),
			});
			expect(((await res.json()) as { error: { code: string } }).error.code).toBe(
				'BATCH_TOO_LARGE',
			);
		});
	});

	it('fails the whole job on a duplicate and creates none of its charges', async () => {
		const first = [item(), item(neighbours[1])];
		const a = await post(BATCH, batch(first));
		expect((await waitForStatus(a.body.meta.job_id)).write_status).toBe('SUCCESS');

		const fresh = item(neighbours[2]);
		const b = await post(BATCH, batch([fresh, first[1]]));
		expect(b.status).toBe(200);
		expect(await waitForStatus(b.body.meta.job_id)).toEqual({
			write_status: 'FAILURE',
			errors: [batchWriteError(1, WRITE_ERRORS.duplicate)],
			created_record_id: null,
		});
		expect(await created(fresh)).toEqual([]);
		expect(emu.chargeLedger.filter((e) => e.jobId === b.body.meta.job_id)).toHaveLength(2);

		// Nothing of the failed batch counts as posted: a corrected retry succeeds.
		const c = await post(BATCH, batch([fresh]));
		expect((await waitForStatus(c.body.meta.job_id)).write_status).toBe('SUCCESS');
		expect(await created(fresh)).toHaveLength(1);

		// A duplicate within one batch, and a single charge repeating a batch charge.
		const twin = item(neighbours[3]);
		const d = await post(BATCH, batch([twin, item(), { ...twin, description: 'again' }]));
		expect((await waitForStatus(d.body.meta.job_id)).errors).toEqual([
			batchWriteError(2, WRITE_ERRORS.duplicate),
		]);
		const single = await post(CHARGES, { integration_id: OAKWOOD, ...first[0] });
		expect((await waitForStatus(single.body.meta.job_id)).errors).toEqual([WRITE_ERRORS.duplicate]);
		// Same reference and batch id as a charge, but a payment: a different ResMan transaction.
		const { charge_code_id: _code, ...asPayment } = first[0];
		const payment = await post(PAYMENTS, {
			integration_id: OAKWOOD,
			payment_type: 'ACH',
			...asPayment,
		});
		expect((await waitForStatus(payment.body.meta.job_id)).write_status).toBe('SUCCESS');
	});

	it('fails the whole job for the failing resident, naming each failing charge', async () => {
		const failing = SEED.residents.find((r) => r.id === SEED.failingResidentId(OAKWOOD))!;
		const mates = SEED.residentsOf(OAKWOOD).filter(
			(r) => r.property_id === failing.property_id && r.id !== failing.id,
		);
		const charges = [item(mates[0]), item(failing), item(mates[1]), item(failing)];
		const res = await post(BATCH, batch(charges));
		expect(res.status).toBe(200);
		expect(await waitForStatus(res.body.meta.job_id)).toMatchObject({
			write_status: 'FAILURE',
			errors: [
				batchWriteError(1, WRITE_ERRORS.failingResident),
				batchWriteError(3, WRITE_ERRORS.failingResident),
			],
		});
		expect(await created(charges[0])).toEqual([]);
		const retry = await post(BATCH, batch([charges[0], charges[2]]));
		expect((await waitForStatus(retry.body.meta.job_id)).write_status).toBe('SUCCESS');
	});

	it('answers 405 for other methods and 404 without the trailing slash', async () => {
		const get = await call(BATCH);
		expect(get.status).toBe(405);
		expect(get.body.error.code).toBe('METHOD_NOT_ALLOWED');
		expect((await post('/v1/resident-charges/batch/resman', batch([item()]))).status).toBe(404);
		expect((await post('/v1/resident-charges/batch/', batch([item()]))).status).toBe(404);
	});
});

describe('faults on the batch route', () => {
	const match = { method: 'POST', path: BATCH };

	it('status records nothing; drop-before records nothing; drop-after and status-after record', async () => {
		emu.injectFaults(
			match,
			{ kind: 'status', status: 503 },
			{ kind: 'drop-before' },
			{ kind: 'drop-after' },
			{ kind: 'status-after', status: 502 },
		);
		// Other write routes do not consume the batch faults.
		expect((await post(CHARGES, { integration_id: OAKWOOD, ...item() })).status).toBe(200);
		const unavailable = await post(BATCH, batch([item(), item()]));
		expect(unavailable.status).toBe(503);
		expect(unavailable.body.error.code).toBe('SERVICE_UNAVAILABLE');
		expect(emu.chargeLedger).toHaveLength(1);
		await expect(post(BATCH, batch([item(), item()]))).rejects.toThrow();
		expect(emu.chargeLedger).toHaveLength(1);
		const dropped = batch([item(), item(neighbours[1])]);
		await expect(post(BATCH, dropped)).rejects.toThrow();
		expect(emu.chargeLedger).toHaveLength(3);
		const proxied = await post(BATCH, batch([item()]));
		expect(proxied.status).toBe(502);
		expect(emu.chargeLedger).toHaveLength(4);
		// Retrying the batch whose response was lost is a duplicate for ResMan.
		const retry = await post(BATCH, dropped);
		expect(await waitForStatus(retry.body.meta.job_id)).toMatchObject({
			write_status: 'FAILURE',
			errors: [
				batchWriteError(0, WRITE_ERRORS.duplicate),
				batchWriteError(1, WRITE_ERRORS.duplicate),
			],
		});
		expect(emu.requests.filter((r) => r.path === BATCH).map((r) => r.status)).toEqual([
			503, 0, 0, 502, 200,
		]);
	});

	it('latency delays one batch response; path patterns match the batch route', async () => {
		emu.injectFaults({ path: '/v1/resident-charges/*' }, { kind: 'latency', ms: 250 });
		const t = Date.now();
		expect((await post(BATCH, batch([item()]))).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(240);
		const t2 = Date.now();
		expect((await post(BATCH, batch([item()]))).status).toBe(200);
		expect(Date.now() - t2).toBeLessThan(200);
	});

	it('no-job-id answers { result } without meta on all three write routes, and records', async () => {
		emu.injectFaults(
			{ method: 'POST' },
			{ kind: 'no-job-id' },
			{ kind: 'no-job-id', status: 202 },
			{ kind: 'no-job-id' },
		);
		const charges = [item(), item(neighbours[1])];
		const res = await post(BATCH, batch(charges));
		expect(res).toEqual({ status: 200, body: { result: batch(charges) } });
		expect(emu.chargeLedger).toHaveLength(2);
		expect((await waitForStatus(emu.chargeLedger[0].jobId)).write_status).toBe('SUCCESS');

		const charge = { integration_id: OAKWOOD, ...item() };
		expect(await post(CHARGES, charge)).toEqual({ status: 202, body: { result: charge } });
		expect(emu.chargeLedger).toHaveLength(3);
		const { charge_code_id: _code, ...rest } = item();
		const payment = { integration_id: OAKWOOD, payment_type: 'Check', ...rest };
		const paid = await post(PAYMENTS, payment);
		expect(paid.body).toEqual({ result: expect.objectContaining(payment) });
		expect(emu.ledger).toHaveLength(1);
	});

	it('no-job-id leaves errors and reads alone; faults are set over HTTP too', async () => {
		emu.injectFaults({}, { kind: 'no-job-id' }, { kind: 'no-job-id' });
		const invalid = await post(BATCH, batch([]));
		expect(invalid.status).toBe(400);
		const list = await call(`/v1/charge-codes/?property_id=${maria.property_id}`);
		expect(list.body.meta.total).toBe(5);

		const queued = await control('faults', {
			match: { method: 'POST', path: BATCH },
			faults: [{ kind: 'no-job-id' }, { kind: 'status', status: 500 }],
		});
		expect(queued.status).toBe(200);
		expect((await post(BATCH, batch([item()]))).body.meta).toBeUndefined();
		expect((await post(BATCH, batch([item()]))).status).toBe(500);
		expect((await post(BATCH, batch([item()]))).body.meta.job_id).toEqual(expect.any(String));
		expect((await control('faults', { faults: [{ kind: 'no-job-id', status: 500 }] })).status).toBe(
			400,
		);
	});
});

describe('seeded resident charges', () => {
	type Charge = {
		id: string;
		amount_in_cents: number;
		amount_open_in_cents: number;
		amount_paid_in_cents: number;
		is_open: boolean;
		transaction_date: string;
		updated_at: string;
		resident_id: string;
		property_id: string;
		lease_id: string;
		integration_id: string;
		charge_code_id: string;
		post_month: string;
	};

	async function list(
		query: string,
	): Promise<{ meta: Record<string, unknown>; results: Charge[] }> {
		const res = await call(`/v1/resident-charges/?${query}`);
		expect(res.status).toBe(200);
		return res.body;
	}

	it('are a few hundred, deterministic, and consistent', () => {
		expect(SEED.charges.length).toBeGreaterThan(300);
		expect(SEED.chargeCount(OAKWOOD)).toBeGreaterThan(200);
		expect(buildSeed().charges).toEqual(SEED.charges);
		expect(new Set(SEED.charges.map((c) => c.id)).size).toBe(SEED.charges.length);
		const codes = new Map(SEED.chargeCodes.map((c) => [c.id, c]));
		for (const c of SEED.charges) {
			expect(c.amount_in_cents).toBe(c.amount_open_in_cents! + c.amount_paid_in_cents!);
			expect(c.is_open).toBe(c.amount_open_in_cents! > 0);
			expect(c.post_month).toBe(c.transaction_date!.slice(0, 7));
			expect(codes.get(c.charge_code_id!)?.property_id).toBe(c.property_id);
		}
		expect(SEED.charges.filter((c) => c.amount_in_cents! < 0).length).toBeGreaterThan(5);
		expect(SEED.charges.filter((c) => c.is_open).length).toBeGreaterThan(20);
		// Open charges explain each seeded resident's balance.
		for (const r of SEED.residents) {
			const open = SEED.chargesOf(r.id).reduce((sum, c) => sum + c.amount_open_in_cents!, 0);
			expect([r.id, open]).toEqual([r.id, r.balance_in_cents]);
		}
		const payments = new Set(SEED.payments.map((p) => p.id));
		const allocated = SEED.charges.flatMap((c) => c.allocations);
		expect(allocated.length).toBeGreaterThan(100);
		for (const a of allocated) expect(payments.has(a.resident_payment_id!)).toBe(true);
	});

	it('gives SEED.openBalanceResidentId open charges adding up to the balance', async () => {
		const resident = SEED.residents.find((r) => r.id === SEED.openBalanceResidentId)!;
		expect(resident.integration_id).toBe(OAKWOOD);
		expect(resident.balance_in_cents).toBeGreaterThan(0);
		expect(SEED.openBalanceResidentId).not.toBe(SEED.failingResidentId(OAKWOOD));
		const { results } = await list(`resident_id=${resident.id}&limit=250`);
		expect(results).toHaveLength(SEED.chargesOf(resident.id).length);
		const open = results.filter((c) => c.is_open);
		expect(open.length).toBeGreaterThan(0);
		expect(open.reduce((sum, c) => sum + c.amount_open_in_cents, 0)).toBe(
			resident.balance_in_cents,
		);
		expect((await control('seed')).body.openBalanceResidentId).toBe(resident.id);
	});

	it('page through an integration exactly once', async () => {
		const expected = SEED.chargeCount(OAKWOOD);
		const seen: string[] = [];
		for (let offset = 0, more = true; more; offset += 100) {
			const page = await list(`integration_id=${OAKWOOD}&offset=${offset}&limit=100`);
			expect(page.meta).toMatchObject({ offset, limit: 100, total: expected });
			seen.push(...page.results.map((c) => c.id));
			more = page.meta.hasMore as boolean;
		}
		expect(seen).toHaveLength(expected);
		expect(new Set(seen).size).toBe(expected);
		expect((await call('/v1/resident-charges/?limit=251')).status).toBe(400);
	});

	it('filter by property, resident, lease, transaction dates and updated_at', async () => {
		const all = await list('limit=1');
		expect(all.meta.total).toBe(SEED.charges.length);
		const byProperty = await list(`property_id=${maria.property_id}&limit=250`);
		expect(byProperty.results.length).toBeGreaterThan(20);
		for (const c of byProperty.results) expect(c.property_id).toBe(maria.property_id);
		const lease = maria.leases_meta_data[0].lease_id;
		const byLease = await list(`lease_id=${lease}&limit=250`);
		expect(byLease.results.length).toBeGreaterThan(0);
		for (const c of byLease.results) expect(c.lease_id).toBe(lease);
		const byResident = await list(`resident_id=${maria.id}&order-by=transaction_date:asc`);
		expect(byResident.results.map((c) => c.id).sort()).toEqual(
			SEED.chargesOf(maria.id)
				.map((c) => c.id)
				.sort(),
		);
		const dates = byResident.results.map((c) => c.transaction_date);
		expect([...dates].sort()).toEqual(dates);

		const october = await list(
			`integration_id=${OAKWOOD}&transaction_date_start=2026-10-01&transaction_date_end=2026-10-31&limit=250`,
		);
		expect(october.results.length).toBeGreaterThan(40);
		for (const c of october.results) expect(c.post_month).toBe('2026-10');
		const updated = await list(
			`integration_id=${OAKWOOD}&updated_at_gte=2026-10-01T00:00:00Z&updated_at_lte=2026-10-31&limit=250`,
		);
		expect(updated.meta.total).toBe(
			SEED.charges.filter((c) => c.integration_id === OAKWOOD && c.updated_at.startsWith('2026-10'))
				.length,
		);
		const none = await list(`integration_id=${SEED.ids.harborview}&resident_id=${maria.id}`);
		expect(none.results).toEqual([]);
		expect((await call('/v1/resident-charges/?transaction_date_start=soon')).status).toBe(400);
	});

	it('are served by ID, with 404 for unknown ids', async () => {
		const credit = SEED.charges.find((c) => c.amount_in_cents! < 0)!;
		const one = await call(`/v1/resident-charges/${credit.id}`);
		expect(one.status).toBe(200);
		expect(one.body.meta).toMatchObject({ total: 1, hasMore: false });
		expect(one.body.results).toEqual(credit);
		expect((await call('/v1/resident-charges/nope')).status).toBe(404);
	});

	it('have the ResidentCharge fields, in the same order as created charges', async () => {
		const seeded = SEED.charges[0];
		// prettier-ignore
		expect(Object.keys(seeded).sort()).toEqual([
			'allocations', 'amount_in_cents', 'amount_open_in_cents', 'amount_open_raw',
			'amount_paid_in_cents', 'amount_paid_raw', 'amount_raw', 'charge_code_id', 'created_at',
			'custom_data', 'description', 'due_date', 'financial_account_id', 'id', 'integration_id',
			'integration_vendor', 'is_open', 'last_seen', 'lease_id', 'name', 'post_month',
			'property_id', 'reference_number', 'resident_id', 'transaction_date', 'transaction_source',
			'unit_id', 'updated_at', 'x_charge_code_id', 'x_gl_account_id', 'x_id', 'x_lease_id',
			'x_location_id', 'x_property_id', 'x_resident_id', 'x_unit_id',
		]);
		const charge = item();
		const res = await post(CHARGES, { integration_id: OAKWOOD, ...charge });
		await waitForStatus(res.body.meta.job_id);
		const [record] = await created(charge);
		expect(Object.keys(record)).toEqual(Object.keys(seeded));
	});
});

describe('GET /v1/charge-codes/ per property', () => {
	it('filters by integration and property and pages like other lists', async () => {
		const base = `/v1/charge-codes/?integration_id=${OAKWOOD}&property_id=${maria.property_id}`;
		const all = await call(base);
		expect(all.body.meta).toMatchObject({ total: 5, hasMore: false });
		expect(all.body.results.map((c: { name: string }) => c.name).sort()).toEqual(
			['Late Fee', 'Parking', 'Pet Rent', 'Rent', 'Water/Sewer'].sort(),
		);
		for (const c of all.body.results) {
			expect(c).toMatchObject({ property_id: maria.property_id, integration_id: OAKWOOD });
			expect(SEED.chargeCodesOf(maria.property_id).map((s) => s.id)).toContain(c.id);
		}
		const first = await call(`${base}&limit=2&order-by=name:asc`);
		expect(first.body.meta).toMatchObject({ offset: 0, limit: 2, hasMore: true, total: 5 });
		expect(first.body.results.map((c: { name: string }) => c.name)).toEqual([
			'Late Fee',
			'Parking',
		]);
		const last = await call(`${base}&limit=2&offset=4&order-by=name:asc`);
		expect(last.body.meta).toMatchObject({ hasMore: false });
		expect(last.body.results.map((c: { name: string }) => c.name)).toEqual(['Water/Sewer']);
		const integration = await call(`/v1/charge-codes/?integration_id=${OAKWOOD}&limit=250`);
		expect(integration.body.meta.total).toBe(5 * SEED.propertiesOf(OAKWOOD).length);
		expect((await call(`${base}&limit=251`)).status).toBe(400);
		const id = SEED.chargeCodeId(maria.property_id, 'RENT');
		expect((await call(`/v1/charge-codes/${id}`)).body.results).toMatchObject({ id, name: 'Rent' });
	});
});
