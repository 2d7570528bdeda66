import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { integrationLocator, residentLocator } from '../locators';
import type { FieldContext } from '../validation/fields';
import { positiveCents, requiredText } from '../validation/fields';
import type { ReadParameter } from '../validation/parameterReader';
import type { WriteNoun } from '../writes/outcomes';
import type { RecordIdentity } from '../writes/spec';

/** The fields that name one record in the ledger: what Create was given for it. */
export function recordFields(noun: WriteNoun): INodeProperties[] {
	return [
		{ ...integrationLocator, description: `The ResMan integration of the ${noun.one}` },
		{
			displayName: 'Batch ID',
			name: 'batchId',
			type: 'string',
			default: '',
			required: true,
			description: `The ${noun.one}'s batch ID, as given to Create`,
		},
		{
			displayName: 'Reference Number',
			name: 'referenceNumber',
			type: 'string',
			default: '',
			required: true,
			description: `The ${noun.one}'s reference number, as given to Create`,
		},
		{
			displayName: 'Amount in Cents',
			name: 'amountInCents',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			description: `The ${noun.one}'s amount in cents, as given to Create`,
		},
		{ ...residentLocator, description: `The ${noun.one}'s resident, as given to Create` },
	];
}

/** One item's record, checked as Create checks it. */
export function readRecord(
	read: ReadParameter,
	field: FieldContext,
): { identity: RecordIdentity; json: IDataObject } {
	const get = (name: string) => read(name, field.itemIndex);
	const json = {
		integration_id: requiredText(field, 'Integration', get('integrationId')),
		batch_id: requiredText(field, 'Batch ID', get('batchId')),
		reference_number: requiredText(field, 'Reference Number', get('referenceNumber')),
		amount_in_cents: positiveCents(field, 'Amount in Cents', get('amountInCents')),
		resident_id: requiredText(field, 'Resident', get('residentId')),
	};
	const identity: RecordIdentity = {
		integrationId: json.integration_id,
		batchId: json.batch_id,
		referenceNumber: json.reference_number,
		amountInCents: json.amount_in_cents,
		residentId: json.resident_id,
	};
	return { identity, json };
}
