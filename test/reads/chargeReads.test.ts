import type { INode } from 'n8n-workflow';

import { SEED } from '../emulator';
import { listSearch } from '../harness/engine';
import {
	CHARGE_NODE_TYPE,
	CREATE_CHARGE_FROM_JSON,
	PROPERTIES,
	runChargeNode,
	sampleCharge,
} from '../harness/chargeWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

const primary = { __rl: true, mode: 'id', value: SEED.primaryIntegrationId };
const [oakwood, barton] = PROPERTIES;
const requestsTo = (path: string) => emulator.requests.filter((request) => request.path === path);

describe('Charge → Get Many', () => {
	it('with Return All returns every charge of the integration exactly once, page by page', async () => {
		const { success, error } = await runChargeNode(emulator, {
			items: [{}],
			parameters: {
				resource: 'charge',
				operation: 'getMany',
				integrationId: primary,
				returnAll: true,
			},
		});

		expect(error).toBeUndefined();
		const expected = SEED.chargeCount(SEED.primaryIntegrationId);
		expect(expected).toBeGreaterThan(250);
		const ids = success.map((item) => item.json.id);
		expect(ids).toHaveLength(expected);
		expect(new Set(ids).size).toBe(expected);
		const pages = requestsTo('/v1/resident-charges/');
		expect(pages.map((request) => request.query.offset)).toEqual(
			Array.from({ length: Math.ceil(expected / 250) }, (_, n) => String(n * 250)),
		);
	});

	it('sends the filters and a limit, and pairs results with their input item', async () => {
		const resident = SEED.openBalanceResidentId;
		const { success } = await runChargeNode(emulator, {
			items: [{ resident }],
			parameters: {
				resource: 'charge',
				operation: 'getMany',
				integrationId: primary,
				limit: 2,
				filters: {
					residentId: '={{ $json.resident }}',
					transactionDateFrom: '2026-10-01T00:00:00',
					transactionDateTo: '2026-10-31T23:59:59',
				},
			},
		});

		expect(requestsTo('/v1/resident-charges/')[0].query).toEqual({
			integration_id: SEED.primaryIntegrationId,
			resident_id: resident,
			transaction_date_start: '2026-10-01T00:00:00.000Z',
			transaction_date_end: '2026-10-31T23:59:59.000Z',
			offset: '0',
			limit: '2',
		});
		expect(success).toHaveLength(2);
		expect(success.every((item) => item.json.resident_id === resident)).toBe(true);
		expect(success.every((item) => JSON.stringify(item.pairedItem) === '{"item":0}')).toBe(true);
	});
});

describe('Charge → Get', () => {
	it('returns one charge as a flat item', async () => {
		const [charge] = SEED.chargesOf(SEED.openBalanceResidentId);
		const { success } = await runChargeNode(emulator, {
			items: [{ id: charge.id }],
			parameters: { resource: 'charge', operation: 'get', chargeId: '={{ $json.id }}' },
		});

		expect(success.map((item) => item.json)).toEqual([charge]);
		expect(emulator.requests.at(-1)?.path).toBe(`/v1/resident-charges/${charge.id}`);
	});

	it('says what was not found for an unknown ID', async () => {
		const { error } = await runChargeNode(emulator, {
			items: [{}],
			parameters: { resource: 'charge', operation: 'get', chargeId: 'no-such-charge' },
		});
		expect(error?.message).toMatch(/Propexo could not find resident charge no-such-charge/);
	});
});

describe('Charge Code → Get Many', () => {
	it("reads a property's charge codes", async () => {
		const { success } = await runChargeNode(emulator, {
			items: [{}],
			parameters: {
				resource: 'chargeCode',
				operation: 'getMany',
				integrationId: primary,
				returnAll: true,
				filters: { propertyId: oakwood },
			},
		});

		expect(requestsTo('/v1/charge-codes/')[0].query).toMatchObject({
			integration_id: SEED.primaryIntegrationId,
			property_id: oakwood,
		});
		expect(success.map((item) => item.json.id).sort()).toEqual(
			SEED.chargeCodesOf(oakwood)
				.map((code) => code.id)
				.sort(),
		);
	});

	it('reads every property of the integration without the filter, up to the Limit', async () => {
		const { success } = await runChargeNode(emulator, {
			items: [{}],
			parameters: {
				resource: 'chargeCode',
				operation: 'getMany',
				integrationId: primary,
				limit: 7,
			},
		});

		expect(success).toHaveLength(7);
		expect(requestsTo('/v1/charge-codes/')[0].query).toEqual({
			integration_id: SEED.primaryIntegrationId,
			offset: '0',
			limit: '7',
		});
	});
});

describe('Write Status → Get', () => {
	it('reads the status of the job a Create returned', async () => {
		const created = await runChargeNode(emulator, {
			items: [sampleCharge()],
			parameters: CREATE_CHARGE_FROM_JSON,
		});
		const jobId = String(created.success[0].json.job_id);
		await new Promise((resolve) => setTimeout(resolve, 100));

		const { success } = await runChargeNode(emulator, {
			items: [{ job: jobId }],
			parameters: { resource: 'writeStatus', operation: 'get', jobId: '={{ $json.job }}' },
		});

		expect(success.map((item) => item.json)).toEqual([
			{ job_id: jobId, write_status: 'SUCCESS', errors: [], created_record_id: null },
		]);
	});
});

describe('Charge code picker', () => {
	function chargeNode(parameters: INode['parameters']): INode {
		return {
			id: 'charge',
			name: 'ResMan Charge',
			type: CHARGE_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0],
			parameters: { resource: 'charge', operation: 'createBatch', ...parameters },
			credentials: { propexoApi: { id: 'list-search', name: 'Propexo' } },
		};
	}
	const credentials = () => ({
		'list-search': { accessToken: emulator.token, environment: 'custom', baseUrl: emulator.url },
	});
	const atProperty = (propertyId: string) =>
		chargeNode({
			integrationId: { __rl: true, mode: 'list', value: SEED.primaryIntegrationId },
			propertyId: { __rl: true, mode: 'list', value: propertyId },
		});

	it('lists the chosen property\'s charge codes as "Name — code"', async () => {
		const { results, paginationToken } = await listSearch(
			atProperty(oakwood),
			'searchChargeCodes',
			credentials(),
		);

		expect(paginationToken).toBeUndefined();
		expect(results).toHaveLength(SEED.chargeCodesOf(oakwood).length);
		expect(results).toContainEqual({
			name: 'Rent — RENT',
			value: SEED.chargeCodeId(oakwood, 'RENT'),
		});
		expect(results).toContainEqual({
			name: 'Late Fee — LATEFEE',
			value: SEED.chargeCodeId(oakwood, 'LATEFEE'),
		});
		expect(requestsTo('/v1/charge-codes/')[0].query).toEqual({
			integration_id: SEED.primaryIntegrationId,
			property_id: oakwood,
			offset: '0',
			limit: '250',
		});
	});

	it('filters on the client by name, code or description', async () => {
		const byName = await listSearch(atProperty(barton), 'searchChargeCodes', credentials(), 'late');
		expect(byName.results).toEqual([
			{ name: 'Late Fee — LATEFEE', value: SEED.chargeCodeId(barton, 'LATEFEE') },
		]);
		const byCode = await listSearch(
			atProperty(barton),
			'searchChargeCodes',
			credentials(),
			'petrent',
		);
		expect(byCode.results.map((result) => result.value)).toEqual([
			SEED.chargeCodeId(barton, 'PETRENT'),
		]);
	});

	it('asks for the property first', async () => {
		await expect(
			listSearch(
				chargeNode({
					integrationId: { __rl: true, mode: 'list', value: SEED.primaryIntegrationId },
				}),
				'searchChargeCodes',
				credentials(),
			),
		).rejects.toThrow(/Choose a property first/);
	});

	it('lists integrations, properties and residents like the Payment node', async () => {
		const integrations = await listSearch(
			chargeNode({}),
			'searchIntegrations',
			credentials(),
			'oakwood',
		);
		expect(integrations.results.map((result) => result.value)).toEqual([SEED.primaryIntegrationId]);
		const residents = await listSearch(
			atProperty(oakwood),
			'searchResidents',
			credentials(),
			'gonzalez',
		);
		expect(residents.results.map((result) => result.value)).toContain(SEED.primaryResidentId);
		expect(requestsTo('/v1/residents/').at(-1)?.query).toMatchObject({ property_id: oakwood });
	});
});
