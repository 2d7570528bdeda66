import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getWriteStatus from './getWriteStatus.operation';
import * as reconcile from './reconcile.operation';

export { create, get, getMany, getWriteStatus, reconcile };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['payment'] } },
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a resident payment',
				description: 'Post a resident payment to ResMan, one per input item',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a resident payment',
				description: 'Read one resident payment by its Propexo ID',
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many resident payments',
				description: 'Read the resident payments of an integration, with filters',
			},
			{
				name: 'Get Write Status',
				value: 'getWriteStatus',
				action: 'Get the write status of a payment',
				description: 'Check whether ResMan accepted a payment posted earlier, by its job ID',
			},
			{
				name: 'Reconcile',
				value: 'reconcile',
				action: 'Reconcile posted payments',
				description:
					'Check what became of the payments this workflow posted: pending, accepted, rejected, or in ResMan',
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getWriteStatus.description,
	...reconcile.description,
];
