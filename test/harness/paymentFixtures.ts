/**
 * A payment and the Create parameters that map it, without n8n's engine: the bench's parent
 * process uses them too.
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';

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
