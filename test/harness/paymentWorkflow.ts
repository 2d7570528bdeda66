import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { SEED } from '../emulator';
import { PAYMENT_NODE_TYPE } from './engine';
import type { NodeRun, NodeRunOptions } from './nodeWorkflow';
import { runPropexoNode } from './nodeWorkflow';

export const PAYMENT_NODE = 'ResMan Payment';

/** One valid payment for the seeded primary resident; override fields per test. */
export function samplePayment(overrides: IDataObject = {}): IDataObject {
	return {
		integration_id: SEED.primaryIntegrationId,
		resident_id: SEED.primaryResidentId,
		payment_type: 'Check',
		batch_id: 'portal-2026-11-25',
		transaction_date: '2026-11-25T14:30:00Z',
		description: 'November rent',
		notes: 'Paid through the resident portal',
		amount_in_cents: 125000,
		reference_number: `PMT-${Math.random().toString(36).slice(2, 10)}`,
		...overrides,
	};
}

/** Create parameters that map every field from the input item with expressions. */
export const CREATE_FROM_JSON: IDataObject = {
	operation: 'create',
	integrationId: { __rl: true, mode: 'id', value: '={{ $json.integration_id }}' },
	residentId: { __rl: true, mode: 'id', value: '={{ $json.resident_id }}' },
	paymentType: '={{ $json.payment_type }}',
	amountInCents: '={{ $json.amount_in_cents }}',
	transactionDate: '={{ $json.transaction_date }}',
	referenceNumber: '={{ $json.reference_number }}',
	batchId: '={{ $json.batch_id }}',
	description: '={{ $json.description }}',
	notes: '={{ $json.notes }}',
};

export type PaymentRun = NodeRun;
export type PaymentRunOptions = NodeRunOptions;

/** Runs Test Items → ResMan Payment through n8n's engine against the emulator. */
export async function runPaymentNode(
	propexo: Pick<Emulator, 'url' | 'token'>,
	options: PaymentRunOptions,
): Promise<PaymentRun> {
	return await runPropexoNode(
		propexo,
		{
			id: 'payment',
			type: PAYMENT_NODE_TYPE,
			name: PAYMENT_NODE,
			inputName: 'Payments',
			parameters: CREATE_FROM_JSON,
		},
		options,
	);
}

/** POSTs the emulator received on the ResMan payment endpoint. */
export function paymentPosts(emulator: Emulator) {
	return emulator.requests.filter(
		(request) => request.method === 'POST' && request.path === '/v1/resident-payments/resman/',
	);
}
