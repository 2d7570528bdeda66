import type { IDataObject } from 'n8n-workflow';

import type { FieldContext } from '../validation/fields';
import { isoDateTime, positiveCents, requiredText } from '../validation/fields';
import type { ReadParameter } from '../validation/parameterReader';
import { residentField } from '../residents/field';

type CentsCheck = (field: FieldContext, label: string, value: unknown) => number;

interface OwnFields {
	/** The node's own body fields, already read and checked (payment_type, charge_code_id). */
	body: IDataObject;
	/** How the amount is checked when a node is stricter than "a positive whole number". */
	cents?: CentsCheck;
}

/**
 * One item's transaction, read and checked in the order the editor shows the fields: the body
 * Propexo receives, or a NodeOperationError that names the field and how to fix it.
 */
export function prepareTransaction(
	read: ReadParameter,
	field: FieldContext,
	own: (get: (name: string) => unknown) => OwnFields,
): IDataObject {
	const get = (name: string) => read(name, field.itemIndex);
	const integrationId = requiredText(field, 'Integration', get('integrationId'));
	const residentId = residentField(field, get('residentId'));
	const { body, cents = positiveCents } = own(get);
	return {
		integration_id: integrationId,
		resident_id: residentId,
		...body,
		batch_id: requiredText(field, 'Batch ID', get('batchId')),
		transaction_date: isoDateTime(field, 'Transaction Date', get('transactionDate')),
		description: requiredText(field, 'Description', get('description'), true),
		notes: requiredText(field, 'Notes', get('notes'), true),
		amount_in_cents: cents(field, 'Amount in Cents', get('amountInCents')),
		reference_number: requiredText(field, 'Reference Number', get('referenceNumber')),
	};
}
