import type { INodeProperties } from 'n8n-workflow';

import { RECORD_EVENTS } from './events';

export const triggerProperties: INodeProperties[] = [
	{
		displayName:
			'Propexo must reach this n8n over HTTPS: the production URL below is registered with Propexo when the workflow is activated, and removed when it is deactivated.',
		name: 'notice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Events',
		name: 'events',
		type: 'multiOptions',
		required: true,
		default: ['WRITE_OPERATION_FAILURE'],
		description: 'What Propexo should tell this workflow about',
		options: [
			{
				name: 'Job Failed',
				value: 'JOB_FAILURE',
				description: 'A sync job failed after its retries (JOB_FAILURE)',
			},
			{
				name: 'New Record',
				value: 'DATA_NEW',
				description:
					'A sync brought a new record of the chosen model, e.g. a payment approved in ResMan (DATA_NEW)',
			},
			{
				name: 'Sync Complete',
				value: 'SYNC_COMPLETE',
				description: 'A sync of the integration finished (SYNC_COMPLETE, FIRST_SYNC_COMPLETE)',
			},
			{
				name: 'Updated Record',
				value: 'DATA_UPDATE',
				description: 'A sync changed a record of the chosen model (DATA_UPDATE)',
			},
			{
				name: 'Write Failed',
				value: 'WRITE_OPERATION_FAILURE',
				description:
					'ResMan rejected a payment or charge after Propexo accepted it (WRITE_OPERATION_FAILURE)',
			},
		],
	},
	{
		displayName: 'Model',
		name: 'model',
		type: 'options',
		default: 'resident_payments',
		description: 'Which records New Record and Updated Record are about',
		displayOptions: { show: { events: RECORD_EVENTS } },
		options: [
			{ name: 'Resident Charges', value: 'resident_charges' },
			{ name: 'Resident Payments', value: 'resident_payments' },
		],
	},
	{
		displayName: 'Integration',
		name: 'integrationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description:
			"Only events of this ResMan integration start the workflow. Propexo's webhooks are per account, so leave it empty for every integration.",
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'All integrations',
				typeOptions: { searchListMethod: 'searchIntegrations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: 'e.g. 9f3c6a1e-0d4b-4c55-9a43-1b7f0c2d8e11',
			},
		],
	},
];
