/**
 * The payments and node parameters of the bench, the same in n8n's engine and in the real n8n:
 * N payments for the emulator's primary resident, every field of the node mapped from the item
 * with `{{ $json.field }}`; the HTTP Request node posts the same JSON body.
 */
import type { IDataObject } from 'n8n-workflow';

import { CREATE_FROM_JSON, samplePayment } from '../test/harness/paymentFixtures';
import { LIMIT, WINDOW_MS } from './protocol';

/** The nine fields of a payment. */
export const PAYMENT_FIELDS = [
	'integration_id',
	'resident_id',
	'payment_type',
	'batch_id',
	'transaction_date',
	'description',
	'notes',
	'amount_in_cents',
	'reference_number',
] as const;

/** One payment; only its reference number changes from item to item. */
export function benchPayment(referenceNumber: string): IDataObject {
	return samplePayment({ reference_number: referenceNumber });
}

/** Create with all nine fields mapped by expressions from the input item; no option set. */
export function propexoCreateParameters(validateOnly = false): IDataObject {
	return {
		...CREATE_FROM_JSON,
		...(validateOnly ? { createOptions: { validateOnly: true } } : {}),
	};
}

/** Get Many over every payment of one integration. */
export function propexoGetManyParameters(integrationId: string): Record<string, unknown> {
	return {
		operation: 'getMany',
		integrationId: { __rl: true, mode: 'id', value: integrationId },
		returnAll: true,
	};
}

/** The HTTP Request node's JSON body: the fields, mapped from the item. */
export function httpJsonBody(fields: readonly string[]): string {
	return `={{ JSON.stringify({ ${fields.map((field) => `${field}: $json.${field}`).join(', ')} }) }}`;
}

/** The HTTP Request node as a user would set it up: POST, Propexo credential, JSON body. */
export function httpPostParameters(
	url: string,
	fields: readonly string[],
	batching: boolean,
): Record<string, unknown> {
	return {
		method: 'POST',
		url,
		authentication: 'predefinedCredentialType',
		nodeCredentialType: 'propexoApi',
		sendBody: true,
		specifyBody: 'json',
		jsonBody: httpJsonBody(fields),
		// Batching tuned to exactly the limit: one batch of 150 per 3 s window.
		options: batching
			? { batching: { batch: { batchSize: LIMIT, batchInterval: WINDOW_MS } } }
			: {},
	};
}

/** The HTTP Request node posting payments. */
export function httpRequestParameters(baseUrl: string, batching: boolean): Record<string, unknown> {
	return httpPostParameters(`${baseUrl}/v1/resident-payments/resman/`, PAYMENT_FIELDS, batching);
}
