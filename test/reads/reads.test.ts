import { SEED } from '../emulator';
import { runPaymentNode } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false });

const primary = { __rl: true, mode: 'id', value: SEED.primaryIntegrationId };
const paymentListRequests = () =>
	emulator.requests.filter((request) => request.path === '/v1/resident-payments/');

describe('Get Many', () => {
	it('with Return All returns every payment of the integration exactly once, page by page', async () => {
		const { success, error } = await runPaymentNode(emulator, {
			items: [{}],
			parameters: { operation: 'getMany', integrationId: primary, returnAll: true },
		});

		expect(error).toBeUndefined();
		const ids = success.map((item) => item.json.id);
		expect(SEED.paymentCount(SEED.primaryIntegrationId)).toBeGreaterThan(600);
		expect(ids).toHaveLength(SEED.paymentCount(SEED.primaryIntegrationId));
		expect(new Set(ids).size).toBe(ids.length);
		expect(success.every((item) => item.json.integration_id === SEED.primaryIntegrationId)).toBe(
			true,
		);
		expect(success.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
		const pages = paymentListRequests();
		expect(pages.map((request) => request.query.limit)).toEqual(['250', '250', '250', '250']);
		expect(pages.map((request) => request.query.offset)).toEqual(['0', '250', '500', '750']);
	});

	it('with a Limit stops early and asks only for what it needs', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [{}],
			parameters: { operation: 'getMany', integrationId: primary, returnAll: false, limit: 300 },
		});

		expect(success).toHaveLength(300);
		expect(
			paymentListRequests().map((request) => [request.query.offset, request.query.limit]),
		).toEqual([
			['0', '250'],
			['250', '50'],
		]);
	});

	it('sends the filters, with dates in ISO 8601 UTC, and pairs results with their input item', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [{ resident: SEED.primaryResidentId }, { resident: SEED.primaryResidentId }],
			parameters: {
				operation: 'getMany',
				integrationId: primary,
				returnAll: true,
				filters: {
					residentId: '={{ $json.resident }}',
					transactionDateFrom: '2025-01-01T00:00:00',
					transactionDateTo: '2026-12-31T23:59:59',
				},
			},
		});

		expect(paymentListRequests()[0].query).toMatchObject({
			integration_id: SEED.primaryIntegrationId,
			resident_id: SEED.primaryResidentId,
			transaction_date_start: '2025-01-01T00:00:00.000Z',
			transaction_date_end: '2026-12-31T23:59:59.000Z',
		});
		expect(success.length).toBeGreaterThan(0);
		expect(success.every((item) => item.json.resident_id === SEED.primaryResidentId)).toBe(true);
		const paired = new Set(success.map((item) => JSON.stringify(item.pairedItem)));
		expect(paired).toEqual(new Set(['{"item":0}', '{"item":1}']));
	});

	it('sends the property, lease and updated-at filters and no payment type', async () => {
		const payments = SEED.payments
			.filter((payment) => payment.resident_id === SEED.primaryResidentId)
			.sort((a, b) => a.updated_at.localeCompare(b.updated_at));
		const [from, to] = [payments[1].updated_at, payments.at(-2)!.updated_at];
		const { property_id, lease_id } = payments[0];
		const expected = SEED.payments.filter(
			(payment) =>
				payment.property_id === property_id &&
				payment.lease_id === lease_id &&
				payment.updated_at >= from &&
				payment.updated_at <= to,
		);

		const { success, error } = await runPaymentNode(emulator, {
			items: [{}],
			parameters: {
				operation: 'getMany',
				integrationId: primary,
				returnAll: true,
				filters: {
					propertyId: ` ${property_id} `,
					leaseId: lease_id,
					updatedAfter: from,
					updatedBefore: to,
				},
			},
		});

		expect(error).toBeUndefined();
		const [request] = paymentListRequests();
		expect(request.query).toEqual({
			integration_id: SEED.primaryIntegrationId,
			property_id,
			lease_id,
			updated_at_gte: new Date(from).toISOString(),
			updated_at_lte: new Date(to).toISOString(),
			offset: '0',
			limit: '250',
		});
		expect(expected.length).toBeGreaterThan(0);
		expect(success.map((item) => item.json.id).sort()).toEqual(
			expected.map((payment) => payment.id).sort(),
		);
	});
});

describe('Get', () => {
	it('returns one payment as a flat item (results is an object there)', async () => {
		const list = await runPaymentNode(emulator, {
			items: [{}],
			parameters: { operation: 'getMany', integrationId: primary, limit: 1 },
		});
		const id = String(list.success[0].json.id);

		const { success } = await runPaymentNode(emulator, {
			items: [{ id }],
			parameters: { operation: 'get', paymentId: '={{ $json.id }}' },
		});

		expect(success).toHaveLength(1);
		expect(success[0].json).toEqual(list.success[0].json);
		expect(emulator.requests.at(-1)?.path).toBe(`/v1/resident-payments/${id}`);
	});

	it('says what was not found for an unknown ID', async () => {
		const { error } = await runPaymentNode(emulator, {
			items: [{}],
			parameters: { operation: 'get', paymentId: 'no-such-payment' },
		});
		expect(error?.message).toMatch(/Propexo could not find resident payment no-such-payment/);
	});
});
