import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { integrationLocator, propertyLocator, residentLocator } from '../../../shared/locators';
import type { FieldContext } from '../../../shared/validation/fields';
import { isoDateTime, oneOf, positiveCents, requiredText } from '../../../shared/validation/fields';
import type { ReadParameter } from '../../../shared/validation/parameterReader';
import { PAYMENT_TYPES } from '../../../shared/validation/paymentTypes';
import { residentField } from '../../../shared/residents/field';
import { resolveResidents } from '../../../shared/residents/resolve';
import {
	postRepeatsNotice,
	skipAlreadyPostedProperty,
	writeOptions,
} from '../../../shared/writes/properties';
import { runWrites } from '../../../shared/writes/runWrites';
import type { WriteSpec } from '../../../shared/writes/spec';
import { identifyByReference, oneRecordEach } from '../../../shared/writes/units';

const noun = { one: 'payment', many: 'payments' };

const properties: INodeProperties[] = [
	{
		displayName:
			'ResMan posts a partner payment only after the property manager approves it in ResMan\'s "Partner Transactions" tab. Its ResMan record (and ID) appears in Get Many after Propexo\'s next sync.',
		name: 'approvalNotice',
		type: 'notice',
		default: '',
	},
	{ ...integrationLocator },
	propertyLocator,
	residentLocator,
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		default: 'ACH',
		required: true,
		description: 'How the resident paid',
		options: PAYMENT_TYPES.map((type) => ({ name: type, value: type })),
	},
	{
		displayName: 'Amount in Cents',
		name: 'amountInCents',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		hint: 'A whole number of cents: 12500 = $125.00',
		description: 'The amount paid, in cents (integer). 12500 is $125.00.',
	},
	{
		displayName: 'Transaction Date',
		name: 'transactionDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the payment was made. Sent as ISO 8601 in UTC; a date without a time zone is read in the workflow's time zone.",
	},
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PMT-2026-000123',
		description:
			"Your reference for this payment, e.g. the payment portal's transaction ID. ResMan rejects a second payment with the same reference number in the same batch.",
	},
	{
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. portal-2026-11-25',
		description: 'The transaction batch in your system; ResMan groups payments by it',
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. November rent',
		description: "Shown on the resident's ledger in ResMan",
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Paid through the resident portal',
		description: 'Internal notes for the property manager; ResMan requires a value',
	},
	skipAlreadyPostedProperty(noun),
	postRepeatsNotice(noun),
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: writeOptions(noun),
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['create'] } },
	properties,
);

/** Resolves one item's parameters and checks them: the body to post, or a NodeOperationError. */
function preparePayment(read: ReadParameter, field: FieldContext): IDataObject {
	const get = (name: string) => read(name, field.itemIndex);
	return {
		integration_id: requiredText(field, 'Integration', get('integrationId')),
		resident_id: residentField(field, get('residentId')),
		payment_type: oneOf(field, 'Payment Type', get('paymentType'), {
			values: PAYMENT_TYPES,
			kind: 'a ResMan payment type',
		}),
		batch_id: requiredText(field, 'Batch ID', get('batchId')),
		transaction_date: isoDateTime(field, 'Transaction Date', get('transactionDate')),
		description: requiredText(field, 'Description', get('description'), true),
		notes: requiredText(field, 'Notes', get('notes'), true),
		amount_in_cents: positiveCents(field, 'Amount in Cents', get('amountInCents')),
		reference_number: requiredText(field, 'Reference Number', get('referenceNumber')),
	};
}

export const paymentWrite: WriteSpec = {
	noun,
	url: '/v1/resident-payments/resman/',
	optionsParameter: 'createOptions',
	prepare: preparePayment,
	resolve: resolveResidents,
	toUnits: oneRecordEach(noun, 'the Get Write Status operation'),
	identify: identifyByReference,
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runWrites.call(this, paymentWrite);
}
