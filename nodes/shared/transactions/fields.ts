import type { INodeProperties } from 'n8n-workflow';

import { integrationLocator } from '../locators';
import type { WriteNoun as Noun } from '../writes/outcomes';
import { postRepeatsNotice, skipAlreadyPostedProperty, writeOptions } from '../writes/properties';
import { WRITE_OPTIONS_PARAMETER } from '../writes/settings';

/**
 * The fields a payment and a charge share, described once. A new shared field is added here and
 * in prepare.ts; a node adds only what is its own (Payment Type, Charge Code) through `own`.
 */
export interface TransactionWording {
	noun: Noun;
	amountHint: string;
	amountDescription: string;
	dateDescription: string;
	referencePlaceholder: string;
	referenceDescription: string;
	batchPlaceholder: string;
	batchDescription: string;
	descriptionPlaceholder: string;
	notesPlaceholder: string;
}

interface TransactionLayout {
	/** The Property picker the operation needs. */
	property: INodeProperties;
	resident: INodeProperties;
	/** The node's own fields, shown after the resident. */
	own: INodeProperties[];
}

/** Every parameter of one transaction, in the order the editor shows them. */
export function transactionProperties(
	wording: TransactionWording,
	layout: TransactionLayout,
): INodeProperties[] {
	const { noun } = wording;
	return [
		{
			displayName: `ResMan posts a partner ${noun.one} only after the property manager approves it in ResMan's "Partner Transactions" tab. Its ResMan record (and ID) appears in Get Many after Propexo's next sync.`,
			name: 'approvalNotice',
			type: 'notice',
			default: '',
		},
		{ ...integrationLocator },
		layout.property,
		layout.resident,
		...layout.own,
		{
			displayName: 'Amount in Cents',
			name: 'amountInCents',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { minValue: 1, numberPrecision: 0 },
			hint: wording.amountHint,
			description: wording.amountDescription,
		},
		{
			displayName: 'Transaction Date',
			name: 'transactionDate',
			type: 'dateTime',
			default: '',
			required: true,
			description: wording.dateDescription,
		},
		{
			displayName: 'Reference Number',
			name: 'referenceNumber',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.referencePlaceholder,
			description: wording.referenceDescription,
		},
		{
			displayName: 'Batch ID',
			name: 'batchId',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.batchPlaceholder,
			description: wording.batchDescription,
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.descriptionPlaceholder,
			description: "Shown on the resident's ledger in ResMan",
		},
		{
			displayName: 'Notes',
			name: 'notes',
			type: 'string',
			default: '',
			required: true,
			placeholder: wording.notesPlaceholder,
			description: 'Internal notes for the property manager; ResMan requires a value',
		},
		skipAlreadyPostedProperty(noun),
		postRepeatsNotice(noun),
	];
}

/** The Options collection of a write; an operation may word Validate Only its own way. */
export function transactionOptions(noun: Noun, validateOnlyDescription?: string): INodeProperties {
	return {
		displayName: 'Options',
		name: WRITE_OPTIONS_PARAMETER,
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: writeOptions(noun).map((option) =>
			option.name === 'validateOnly' && validateOnlyDescription
				? { ...option, description: validateOnlyDescription }
				: option,
		),
	};
}
