import type { INode } from 'n8n-workflow';

import { SEED } from '../emulator';
import { listSearch, PAYMENT_NODE_TYPE } from '../harness/engine';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, seed: { extraIntegrations: 300 } });

function paymentNode(parameters: INode['parameters'] = {}): INode {
	return {
		id: 'payment',
		name: 'ResMan Payment',
		type: PAYMENT_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: { operation: 'create', ...parameters },
		credentials: { propexoApi: { id: 'list-search', name: 'Propexo' } },
	};
}

const credentials = (token?: string) => ({
	'list-search': {
		accessToken: token ?? emulator.token,
		environment: 'custom',
		baseUrl: emulator.url,
	},
});

describe('Integration picker', () => {
	it('lists the ResMan integrations by name and pages through more than one page', async () => {
		const first = await listSearch(paymentNode(), 'searchIntegrations', credentials());
		expect(first.results.length).toBe(250);
		expect(first.paginationToken).toBe('250');
		const second = await listSearch(
			paymentNode(),
			'searchIntegrations',
			credentials(),
			undefined,
			first.paginationToken,
		);
		expect(second.paginationToken).toBeUndefined();
		const all = [...first.results, ...second.results];
		const values = all.map((result) => result.value);
		expect(new Set(values).size).toBe(values.length);
		expect(values).toEqual(expect.arrayContaining(SEED.resmanIntegrationIds));
		expect(all.map((result) => result.name)).toContain('Oakwood Residential – ResMan');
		expect(values).not.toContain(SEED.ids.mapleStreet); // Buildium
		expect(emulator.requests[0].query).toMatchObject({ integration_vendor: 'RESMAN' });
	});

	it('filters by name', async () => {
		const { results } = await listSearch(
			paymentNode(),
			'searchIntegrations',
			credentials(),
			'oakwood',
		);
		expect(results).toEqual([
			{ name: 'Oakwood Residential – ResMan', value: SEED.primaryIntegrationId },
		]);
	});

	it('shows an API error instead of an empty list', async () => {
		await expect(
			listSearch(paymentNode(), 'searchIntegrations', credentials('wrong-token')),
		).rejects.toThrow(/Propexo refused the access token \(401\)/);
	});
});

describe('Resident picker', () => {
	const withIntegration = paymentNode({
		integrationId: { __rl: true, mode: 'list', value: SEED.primaryIntegrationId },
	});

	it("lists the chosen integration's residents with name, unit and email", async () => {
		const { results } = await listSearch(withIntegration, 'searchResidents', credentials());
		expect(results).toHaveLength(SEED.residentsOf(SEED.primaryIntegrationId).length);
		expect(results).toContainEqual({
			name: 'Maria Gonzalez — Unit 111 — maria.gonzalez@example.org',
			value: SEED.primaryResidentId,
		});
		expect(emulator.requests[0].query).toMatchObject({
			integration_id: SEED.primaryIntegrationId,
		});
	});

	it('searches an email through the API and a name on the client', async () => {
		const byEmail = await listSearch(
			withIntegration,
			'searchResidents',
			credentials(),
			'maria.gonzalez@example.org',
		);
		expect(byEmail.results.map((result) => result.value)).toEqual([SEED.primaryResidentId]);
		expect(emulator.requests[0].query).toMatchObject({ email_1: 'maria.gonzalez@example.org' });

		const byName = await listSearch(withIntegration, 'searchResidents', credentials(), 'gonzalez');
		expect(byName.results.map((result) => result.value)).toContain(SEED.primaryResidentId);
		expect(byName.results.every((result) => /gonzalez/i.test(result.name))).toBe(true);
	});

	it('lists the properties and narrows the residents to the chosen one', async () => {
		const [oakwoodCommons] = SEED.propertiesOf(SEED.primaryIntegrationId);
		const properties = await listSearch(withIntegration, 'searchProperties', credentials());
		expect(properties.results.map((result) => result.value)).toEqual(
			expect.arrayContaining(SEED.propertiesOf(SEED.primaryIntegrationId).map((p) => p.id)),
		);
		expect(properties.results.find((result) => result.value === oakwoodCommons.id)?.name).toMatch(
			/^Oakwood Commons/,
		);

		const narrowed = paymentNode({
			...withIntegration.parameters,
			propertyId: { __rl: true, mode: 'list', value: oakwoodCommons.id },
		});
		const residents = await listSearch(narrowed, 'searchResidents', credentials());
		const expected = SEED.residentsOf(SEED.primaryIntegrationId).filter(
			(resident) => resident.property_id === oakwoodCommons.id,
		);
		expect(residents.results.map((result) => result.value).sort()).toEqual(
			expected.map((resident) => resident.id).sort(),
		);
		expect(emulator.requests.at(-1)?.query).toMatchObject({ property_id: oakwoodCommons.id });
	});

	it('asks for an integration first', async () => {
		await expect(listSearch(paymentNode(), 'searchResidents', credentials())).rejects.toThrow(
			/Choose an integration first/,
		);
	});
});
