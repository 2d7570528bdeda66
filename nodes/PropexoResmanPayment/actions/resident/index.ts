import type { INodeProperties } from 'n8n-workflow';

import * as find from './find.operation';

export { find };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['resident'] } },
		default: 'find',
		options: [
			{
				name: 'Find',
				value: 'find',
				action: 'Find a resident',
				description:
					'Find residents by ResMan resident ID, email, phone, or property and unit, with their leases',
			},
		],
	},
	...find.description,
];
