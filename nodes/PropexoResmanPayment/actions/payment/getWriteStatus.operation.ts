import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { jobIdProperty, readJobStatus } from '../../../shared/reads/writeStatusOperation';

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['getWriteStatus'] } },
	[jobIdProperty('Create')],
);

/** Reads the outcome of a write: SUCCESS, PARTIAL_SUCCESS, FAILURE or PENDING. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readJobStatus.call(this);
}
