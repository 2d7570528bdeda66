import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { listProperties, readList, transactionFilters } from '../../../shared/reads/listOperation';

const filters = transactionFilters('payments');

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['getMany'] } },
	listProperties('resident payments', filters),
);

/** Reads the resident payments of an integration, with filters. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readList.call(this, '/v1/resident-payments/', 'resident payments', filters);
}
