import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as createBatch from './createBatch.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as reconcile from './reconcile.operation';

export { create, createBatch, get, getMany, reconcile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['charge'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a resident charge',
				description: 'Post a resident charge to ResMan, one request per input item',
			},
			{
				name: 'Create in Batch',
				value: 'createBatch',
				action: 'Create resident charges in batch',
				description:
					'Post the input items as resident charges in batches, one request per property and batch size',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a resident charge',
				description: 'Read one resident charge by its Propexo ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many resident charges',
				description: 'Read the resident charges of an integration, with filters',
			},
			{
				name: 'Reconcile',
				value: 'reconcile',
				action: 'Reconcile posted charges',
				description:
					'Check what became of the charges this workflow posted: pending, accepted, rejected, or in ResMan',
			},
		],
	},
	...create.description,
	...createBatch.description,
	...get.description,
	...getMany.description,
	...reconcile.description,
];
