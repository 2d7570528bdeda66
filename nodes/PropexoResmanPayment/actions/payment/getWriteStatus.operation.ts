import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failItem, pairedItems } from '../../helpers/itemResults';
import { readWriteStatus } from '../../helpers/writeStatus';
import { propexoRequest } from '../../transport';
import { userRequestOptions } from '../../transport/userRequestOptions';

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
	const itemIndex = this.getItemIndex();
	const jobId = String(this.getNodeParameter('jobId', '')).trim();
	if (!jobId) {
		return failItem(
			this,
			new NodeOperationError(this.getNode(), `Job ID: is empty [item ${itemIndex}]`, {
				itemIndex,
				description: 'Map the job_id field from the output of a Create step.',
			}),
		);
	}
	try {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: String(requestData.options.url),
			base: userRequestOptions(requestData.options),
			errorContext: { itemIndex, subject: `write job ${jobId}` },
		});
		return pairedItems(this, [{ job_id: jobId, ...readWriteStatus(response.body) }]);
	} catch (error) {
		return failItem(this, error);
	}
}
