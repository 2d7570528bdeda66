import type { INodeProperties } from 'n8n-workflow';

export const integrationLocator: INodeProperties = {
	displayName: 'Integration',
	name: 'integrationId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The ResMan integration (one property management company) to post to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a ResMan integration...',
			typeOptions: { searchListMethod: 'searchIntegrations', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 9f3c6a1e-0d4b-4c55-9a43-1b7f0c2d8e11',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\S+$', errorMessage: 'An integration ID has no spaces' },
				},
			],
		},
	],
};

interface PropertyPicker {
	displayName: string;
	description: string;
	required?: boolean;
}

/** A property picker of the chosen integration; what it is for is the caller's to say. */
export function propertyLocatorWith(picker: PropertyPicker): INodeProperties {
	return {
		displayName: picker.displayName,
		name: 'propertyId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		...(picker.required ? { required: true } : {}),
		description: picker.description,
		displayOptions: { hide: { integrationId: [''] } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: picker.required ? 'Select a property...' : 'All properties',
				typeOptions: { searchListMethod: 'searchProperties', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9f289874-0bd7-5627-b63a-7ce51b7afd4f',
			},
		],
	};
}

/** Only narrows the resident picker; a ResMan payment has no property field. */
export const propertyLocator: INodeProperties = propertyLocatorWith({
	displayName: 'Property (Narrows the Resident List)',
	description:
		"Optional: show only this property's residents in the Resident list, and look residents up only there. Not sent with the payment.",
});

export const residentLocator: INodeProperties = {
	displayName: 'Resident',
	name: 'residentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The resident whose ledger receives the payment. By ResMan Resident ID, Email or Phone look the resident up in Propexo before anything is sent; exactly one resident must match.',
	displayOptions: { hide: { integrationId: [''] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a resident...',
			typeOptions: { searchListMethod: 'searchResidents', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 4b1d2c3e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\S+$', errorMessage: 'A resident ID has no spaces' },
				},
			],
		},
		// Looked up in Propexo before anything is sent (nodes/shared/residents).
		{
			displayName: 'By ResMan Resident ID',
			name: 'resmanId',
			type: 'string',
			placeholder: "e.g. ResMan's resident ID from your portal",
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. maria.gonzalez@example.com',
		},
		{
			displayName: 'By Phone',
			name: 'phone',
			type: 'string',
			placeholder: 'e.g. (555) 201-0042',
		},
	],
};

/** A charge code of the chosen property: charge codes belong to a property. */
export const chargeCodeLocator: INodeProperties = {
	displayName: 'Charge Code',
	name: 'chargeCodeId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: "What the charge is for (rent, late fee, …): one of the property's charge codes",
	displayOptions: { hide: { integrationId: [''] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a charge code...',
			typeOptions: { searchListMethod: 'searchChargeCodes', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 3c1f0b7e-6a2d-5e4f-8b9c-0d1e2f3a4b5c',
			validation: [
				{
					type: 'regex',
					properties: { regex: '^\\S+$', errorMessage: 'A charge code ID has no spaces' },
				},
			],
		},
	],
};
