import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties, readList, textFilter } from '../../../shared/reads/listOperation';

const filters = [
	textFilter(
		'propertyId',
		'Property ID',
		'property_id',
		'Only the charge codes of this Propexo property (charge codes belong to a property)',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['chargeCode'], operation: ['getMany'] } },
	listProperties('charge codes', filters),
);

/** Reads the charge codes of an integration, optionally of one property. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readList.call(this, '/v1/charge-codes/', 'charge codes', filters);
}
