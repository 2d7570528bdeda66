import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { chargeCodeLocator, integrationLocator, residentLocator } from '../../../shared/locators';
import type { FieldContext } from '../../../shared/validation/fields';
import type { ReadParameter } from '../../../shared/validation/parameterReader';
import { residentField } from '../../../shared/residents/field';
import {
	invalidField,
	isoDateTime,
	positiveCents,
	requiredText,
} from '../../../shared/validation/fields';
import {
	postRepeatsNotice,
	skipAlreadyPostedProperty,
	writeOptions,
} from '../../../shared/writes/properties';

export const chargeNoun = { one: 'charge', many: 'charges' };

/** The parameters of one charge; `property` is the Property picker the operation needs. */
export function chargeProperties(property: INodeProperties): INodeProperties[] {
	return [
		{
			displayName:
				'ResMan posts a partner charge only after the property manager approves it in ResMan\'s "Partner Transactions" tab. Its ResMan record (and ID) appears in Get Many after Propexo\'s next sync.',
			name: 'approvalNotice',
			type: 'notice',
			default: '',
		},
		{ ...integrationLocator },
		property,
		{
			...residentLocator,
			description:
				'The resident whose ledger receives the charge. By ResMan Resident ID, Email or Phone look the resident up in Propexo before anything is sent; exactly one resident must match.',
		},
		chargeCodeLocator,
		{
			displayName: 'Amount in Cents',
			name: 'amountInCents',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			hint: 'A whole number of cents: 12500 = $125.00. Credits (negative amounts) are not sent.',
			description: 'The amount charged, in cents (integer). 12500 is $125.00.',
		},
		{
			displayName: 'Transaction Date',
			name: 'transactionDate',
			type: 'dateTime',
			default: '',
			required: true,
			description:
				"The date of the charge. Sent as ISO 8601 in UTC; a date without a time zone is read in the workflow's time zone.",
		},
		{
			displayName: 'Reference Number',
			name: 'referenceNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. RENT-2026-12-UNIT-111',
			description:
				'Your reference for this charge. ResMan rejects a second charge with the same reference number in the same batch.',
		},
		{
			displayName: 'Batch ID',
			name: 'batchId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. rent-2026-12',
			description:
				'The transaction batch in your system; ResMan groups charges by it. Unrelated to how many charges one request carries.',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. December rent',
			description: "Shown on the resident's ledger in ResMan",
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. Posted by the monthly rent workflow',
			description: 'Internal notes for the property manager; ResMan requires a value',
		},
		skipAlreadyPostedProperty(chargeNoun),
		postRepeatsNotice(chargeNoun),
	];
}

/** The Options collection of a charge write: the shared write options. */
export function chargeOptions(validateOnlyDescription?: string): INodeProperties {
	return {
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: writeOptions(chargeNoun).map((option) =>
			option.name === 'validateOnly' && validateOnlyDescription
				? { ...option, description: validateOnlyDescription }
				: option,
		),
	};
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
	const get = (name: string) => read(name, field.itemIndex);
	return {
		integration_id: requiredText(field, 'Integration', get('integrationId')),
		resident_id: residentField(field, get('residentId')),
		charge_code_id: requiredText(field, 'Charge Code', get('chargeCodeId')),
		batch_id: requiredText(field, 'Batch ID', get('batchId')),
		transaction_date: isoDateTime(field, 'Transaction Date', get('transactionDate')),
		description: requiredText(field, 'Description', get('description'), true),
		notes: requiredText(field, 'Notes', get('notes'), true),
		amount_in_cents: chargeCents(field, 'Amount in Cents', get('amountInCents')),
		reference_number: requiredText(field, 'Reference Number', get('referenceNumber')),
	};
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
