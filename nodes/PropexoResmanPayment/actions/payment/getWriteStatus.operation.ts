import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { readOne } from '../../../shared/helpers/readOne';
import { readWriteStatus } from '../../../shared/helpers/writeStatus';

export const description: INodeProperties[] = [
	{
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. job-7d0c2a4e-…',
		description: 'The job_id that Create returned for the payment',
		displayOptions: { show: { operation: ['getWriteStatus'] } },
	},
];

/** Reads the outcome of a write: SUCCESS, PARTIAL_SUCCESS, FAILURE or PENDING. */
export async function getWriteStatus(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	return await readOne.call(this, requestData, {
		parameter: 'jobId',
		label: 'Job ID',
		hint: 'Map the job_id field from the output of a Create step.',
		subject: (id) => `write job ${id}`,
		toRecord: (body, id) => ({ job_id: id, ...readWriteStatus(body) }),
	});
}
