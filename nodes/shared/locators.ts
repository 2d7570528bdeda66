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

/** Only narrows the resident picker; a ResMan payment has no property field. */
export const propertyLocator: INodeProperties = {
	displayName: 'Property (Narrows the Resident List)',
	name: 'propertyId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		"Optional: show only this property's residents in the Resident list. Not sent with the payment.",
	displayOptions: { hide: { integrationId: [''] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'All properties',
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

export const residentLocator: INodeProperties = {
	displayName: 'Resident',
	name: 'residentId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The resident whose ledger receives the payment',
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
	],
};
