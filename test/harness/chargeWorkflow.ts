import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { SEED } from '../emulator';
import { PACKAGE_NAME } from './engine';
import type { NodeRun, NodeRunOptions } from './nodeWorkflow';
import { runPropexoNode } from './nodeWorkflow';

export const CHARGE_NODE_TYPE = `${PACKAGE_NAME}.propexoResmanCharge`;
export const CHARGE_NODE = 'ResMan Charge';

export const CHARGE_URL = '/v1/resident-charges/resman/';
export const BATCH_URL = '/v1/resident-charges/batch/resman/';

const primaryResident = SEED.residents.find((resident) => resident.id === SEED.primaryResidentId)!;

/** The primary integration's properties; the first is the primary resident's, Oakwood Commons. */
export const PROPERTIES = SEED.propertiesOf(SEED.primaryIntegrationId).map(
	(property) => property.id,
);

/** The primary integration's ordinary residents of a property (the failing one left out). */
export function residentsAt(propertyId: string): string[] {
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	return SEED.residentsOf(SEED.primaryIntegrationId)
		.filter((resident) => resident.property_id === propertyId && resident.id !== failing)
		.map((resident) => resident.id);
}

/** The property of a seeded resident. */
export function propertyOf(residentId: string): string {
	return SEED.residents.find((resident) => resident.id === residentId)!.property_id;
}

/** One valid charge (rent for the primary resident) with the property it is grouped by. */
export function sampleCharge(overrides: IDataObject = {}): IDataObject {
	const residentId = String(overrides.resident_id ?? primaryResident.id);
	const propertyId = String(overrides.property_id ?? propertyOf(residentId));
	return {
		integration_id: SEED.primaryIntegrationId,
		property_id: propertyId,
		resident_id: residentId,
		charge_code_id: SEED.chargeCodeId(propertyId, 'RENT'),
		batch_id: 'rent-2026-12',
		transaction_date: '2026-12-01T00:00:00Z',
		description: 'December rent',
		notes: 'Posted by the monthly rent workflow',
		amount_in_cents: 145000,
		reference_number: `RENT-${Math.random().toString(36).slice(2, 10)}`,
		...overrides,
	};
}

/** Create parameters that map every field from the input item with expressions. */
export const CREATE_CHARGE_FROM_JSON: IDataObject = {
	resource: 'charge',
	operation: 'create',
	integrationId: { __rl: true, mode: 'id', value: '={{ $json.integration_id }}' },
	residentId: { __rl: true, mode: 'id', value: '={{ $json.resident_id }}' },
	chargeCodeId: { __rl: true, mode: 'id', value: '={{ $json.charge_code_id }}' },
	amountInCents: '={{ $json.amount_in_cents }}',
	transactionDate: '={{ $json.transaction_date }}',
	referenceNumber: '={{ $json.reference_number }}',
	batchId: '={{ $json.batch_id }}',
	description: '={{ $json.description }}',
	notes: '={{ $json.notes }}',
};

/** Create in Batch, every field mapped, the property included. */
export const CREATE_BATCH_FROM_JSON: IDataObject = {
	...CREATE_CHARGE_FROM_JSON,
	operation: 'createBatch',
	propertyId: { __rl: true, mode: 'id', value: '={{ $json.property_id }}' },
};

/** Runs Test Items → ResMan Charge through n8n's engine against the emulator. */
export async function runChargeNode(
	propexo: Pick<Emulator, 'url' | 'token'>,
	options: NodeRunOptions,
): Promise<NodeRun> {
	return await runPropexoNode(
		propexo,
		{
			id: 'charge',
			type: CHARGE_NODE_TYPE,
			name: CHARGE_NODE,
			inputName: 'Charges',
			parameters: CREATE_CHARGE_FROM_JSON,
		},
		options,
	);
}

/** POSTs the emulator received on a charge endpoint (single by default). */
export function chargePosts(emulator: Emulator, url = CHARGE_URL) {
	return emulator.requests.filter((request) => request.method === 'POST' && request.path === url);
}

/** The charges of one batch request's body. */
export function chargesOf(post: { body?: unknown }): IDataObject[] {
	return ((post.body as IDataObject).charges as IDataObject[]) ?? [];
}
