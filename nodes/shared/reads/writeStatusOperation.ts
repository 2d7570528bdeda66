import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { readOne } from './readOne';
import { readWriteStatus, writeStatusUrl } from './writeStatus';

/** The Job ID parameter of a write-status read; `writtenBy` names the operation that gave it. */
export function jobIdProperty(writtenBy: string): INodeProperties {
	return {
		displayName: 'Job ID',
		name: 'jobId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. job-7d0c2a4e-…',
		description: `The job_id that ${writtenBy} returned`,
	};
}

/** Reads the outcome of a write: SUCCESS, PARTIAL_SUCCESS, FAILURE or PENDING. */
export async function readJobStatus(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readOne.call(this, {
		parameter: 'jobId',
		label: 'Job ID',
		hint: 'Map the job_id field from the output of a Create step.',
		url: writeStatusUrl,
		subject: (id) => `write job ${id}`,
		toRecord: (body, id) => ({ job_id: id, ...readWriteStatus(body) }),
	});
}
