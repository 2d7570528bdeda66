import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOne } from '../../../shared/helpers/readOne';
import { readWriteStatus, writeStatusUrl } from '../../../shared/helpers/writeStatus';

const properties: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. job-7d0c2a4e-…',
		description: 'The job_id that Create returned for the payment',
	},
];

export const description = updateDisplayOptions(
	{ show: { operation: ['getWriteStatus'] } },
	properties,
);

/** Reads the outcome of a write: SUCCESS, PARTIAL_SUCCESS, FAILURE or PENDING. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readOne.call(this, {
		parameter: 'jobId',
		label: 'Job ID',
		hint: 'Map the job_id field from the output of a Create step.',
		url: writeStatusUrl,
		subject: (id) => `write job ${id}`,
		toRecord: (body, id) => ({ job_id: id, ...readWriteStatus(body) }),
	});
}
