import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getWriteStatus from './getWriteStatus.operation';

// Each operation's request is built by routing and sent by its hook (see transport/index.ts).
const sendWith = (
	request: { method: 'GET' | 'POST'; url: string },
	hook: typeof create.createPayment,
) => ({
	request,
	send: { paginate: true },
	operations: { pagination: hook },
});

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		default: 'create',
		options: [
			{
				name: 'Create',
				value: 'create',
				action: 'Create a resident payment',
				description: 'Post a resident payment to ResMan, one per input item',
				routing: sendWith(
					{ method: 'POST', url: '/v1/resident-payments/resman/' },
					create.createPayment,
				),
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a resident payment',
				description: 'Read one resident payment by its Propexo ID',
				routing: sendWith(
					{
						method: 'GET',
						url: '=/v1/resident-payments/{{ encodeURIComponent($parameter.paymentId.trim()) }}',
					},
					get.getPayment,
				),
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get many resident payments',
				description: 'Read the resident payments of an integration, with filters',
				routing: sendWith(
					{ method: 'GET', url: '/v1/resident-payments/' },
					getMany.getManyPayments,
				),
			},
			{
				name: 'Get Write Status',
				value: 'getWriteStatus',
				action: 'Get the write status of a payment',
				description: 'Check whether ResMan accepted a payment posted earlier, by its job ID',
				routing: sendWith(
					{
						method: 'GET',
						url: '=/v1/admin/write-status/{{ encodeURIComponent($parameter.jobId.trim()) }}',
					},
					getWriteStatus.getWriteStatus,
				),
			},
		],
	},
	...create.description,
	...get.description,
	...getMany.description,
	...getWriteStatus.description,
];
