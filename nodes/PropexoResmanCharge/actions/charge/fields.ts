import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { chargeCodeLocator, residentLocator } from '../../../shared/locators';
import { transactionOptions, transactionProperties } from '../../../shared/transactions/fields';
import { prepareTransaction } from '../../../shared/transactions/prepare';
import type { FieldContext } from '../../../shared/validation/fields';
import { invalidField, positiveCents, requiredText } from '../../../shared/validation/fields';
import type { ReadParameter } from '../../../shared/validation/parameterReader';

export const chargeNoun = { one: 'charge', many: 'charges' };

/** The parameters of one charge; `property` is the Property picker the operation needs. */
export function chargeProperties(property: INodeProperties): INodeProperties[] {
	return transactionProperties(
		{
			noun: chargeNoun,
			amountHint:
				'A whole number of cents: 12500 = $125.00. Credits (negative amounts) are not sent.',
			amountDescription: 'The amount charged, in cents (integer). 12500 is $125.00.',
			dateDescription:
				"The date of the charge. Sent as ISO 8601 in UTC; a date without a time zone is read in the workflow's time zone.",
			referencePlaceholder: 'e.g. RENT-2026-12-UNIT-111',
			referenceDescription:
				'Your reference for this charge. ResMan rejects a second charge with the same reference number in the same batch.',
			batchPlaceholder: 'e.g. rent-2026-12',
			batchDescription:
				'The transaction batch in your system; ResMan groups charges by it. Unrelated to how many charges one request carries.',
			descriptionPlaceholder: 'e.g. December rent',
			notesPlaceholder: 'e.g. Posted by the monthly rent workflow',
		},
		{
			property,
			resident: {
				...residentLocator,
				description:
					'The resident whose ledger receives the charge. By ResMan Resident ID, Email or Phone look the resident up in Propexo before anything is sent; exactly one resident must match.',
			},
			own: [chargeCodeLocator],
		},
	);
}

/** The Options collection of a charge write: the shared write options. */
export function chargeOptions(validateOnlyDescription?: string): INodeProperties {
	return transactionOptions(chargeNoun, validateOnlyDescription);
}

/**
 * Credits are stored as negative charges in ResMan, but whether this endpoint writes them is not
 * confirmed: refuse them rather than send something ResMan may book wrongly.
 */
function chargeCents(context: FieldContext, label: string, value: unknown): number {
	const negative =
		(typeof value === 'number' && value < 0) ||
		(typeof value === 'string' && /^\s*-\s*\d/.test(value));
	if (negative) {
		throw invalidField(
			context,
			label,
			`${String(value).trim()} is negative (a credit)`,
			"Credits (negative charges) are not confirmed to be writable through Propexo's ResMan charge endpoints, so this node does not send them. Enter the charge as a positive number of cents, and record credits in ResMan itself.",
		);
	}
	return positiveCents(context, label, value);
}

/** One item's charge, checked: the nine fields of Propexo's single-charge endpoint. */
export function prepareCharge(read: ReadParameter, field: FieldContext): IDataObject {
	return prepareTransaction(read, field, (get) => ({
		body: { charge_code_id: requiredText(field, 'Charge Code', get('chargeCodeId')) },
		cents: chargeCents,
	}));
}

/** The Property an item's charge is grouped by (Create in Batch); never sent. */
export function preparePropertyId(read: ReadParameter, field: FieldContext): string {
	const value = read('propertyId', field.itemIndex);
	if (value === undefined || value === null || (typeof value === 'string' && !value.trim())) {
		throw invalidField(
			field,
			'Property',
			'is empty',
			"Create in Batch sends one request per property: pick the residents' property, or map it from the input, e.g. {{ $json.property_id }}.",
		);
	}
	return requiredText(field, 'Property', value);
}
