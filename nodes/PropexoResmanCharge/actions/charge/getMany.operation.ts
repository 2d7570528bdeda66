import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties, readList, transactionFilters } from '../../../shared/reads/listOperation';

const filters = transactionFilters('charges');

export const description = updateDisplayOptions(
	{ show: { resource: ['charge'], operation: ['getMany'] } },
	listProperties('resident charges', filters),
);

/** Reads the resident charges of an integration, with filters. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readList.call(this, '/v1/resident-charges/', 'resident charges', filters);
}
