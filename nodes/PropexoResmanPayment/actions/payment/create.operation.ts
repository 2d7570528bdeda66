import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { propertyLocator, residentLocator } from '../../../shared/locators';
import { transactionOptions, transactionProperties } from '../../../shared/transactions/fields';
import { prepareTransaction } from '../../../shared/transactions/prepare';
import type { FieldContext } from '../../../shared/validation/fields';
import { oneOf } from '../../../shared/validation/fields';
import type { ReadParameter } from '../../../shared/validation/parameterReader';
import { PAYMENT_TYPES } from '../../../shared/validation/paymentTypes';
import { runWrites } from '../../../shared/writes/runWrites';
import type { WriteSpec } from '../../../shared/writes/spec';
import { resolveResidents } from '../../../shared/residents/resolve';
import { oneRecordEach } from '../../../shared/writes/units';

const noun = { one: 'payment', many: 'payments' };

const properties: INodeProperties[] = [
	...transactionProperties(
		{
			noun,
			amountHint: 'A whole number of cents: 12500 = $125.00',
			amountDescription: 'The amount paid, in cents (integer). 12500 is $125.00.',
			dateDescription:
				"When the payment was made. Sent as ISO 8601 in UTC; a date without a time zone is read in the workflow's time zone.",
			referencePlaceholder: 'e.g. PMT-2026-000123',
			referenceDescription:
				"Your reference for this payment, e.g. the payment portal's transaction ID. ResMan rejects a second payment with the same reference number in the same batch.",
			batchPlaceholder: 'e.g. portal-2026-11-25',
			batchDescription: 'The transaction batch in your system; ResMan groups payments by it',
			descriptionPlaceholder: 'e.g. November rent',
			notesPlaceholder: 'e.g. Paid through the resident portal',
		},
		{
			property: propertyLocator,
			resident: residentLocator,
			own: [
				{
					displayName: 'Payment Type',
					name: 'paymentType',
					type: 'options',
					default: 'ACH',
					required: true,
					description: 'How the resident paid',
					options: PAYMENT_TYPES.map((type) => ({ name: type, value: type })),
				},
			],
		},
	),
	transactionOptions(noun),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['create'] } },
	properties,
);

/** Resolves one item's parameters and checks them: the body to post, or a NodeOperationError. */
function preparePayment(read: ReadParameter, field: FieldContext): IDataObject {
	return prepareTransaction(read, field, (get) => ({
		body: {
			payment_type: oneOf(field, 'Payment Type', get('paymentType'), {
				values: PAYMENT_TYPES,
				kind: 'a ResMan payment type',
			}),
		},
	}));
}

export const paymentWrite: WriteSpec = {
	noun,
	url: '/v1/resident-payments/resman/',
	prepare: preparePayment,
	resolve: resolveResidents,
	toUnits: oneRecordEach(noun, 'the Get Write Status operation'),
};

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runWrites.call(this, paymentWrite);
}
