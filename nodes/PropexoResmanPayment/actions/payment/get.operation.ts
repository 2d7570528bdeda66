import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { failItem, pairedItems } from '../../helpers/itemResults';
import { propexoRequest } from '../../transport';
import { userRequestOptions } from '../../transport/userRequestOptions';

export const description: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0c6f1f5e-3b7a-4c1e-9d2a-8e4b5c6d7e8f',
		description:
			"Propexo's ID of the resident payment (the ID field of Get Many). ResMan payments posted by Create get one only after Propexo's next sync.",
		displayOptions: { show: { operation: ['get'] } },
	},
];

/** Reads one resident payment. Propexo answers `{ meta, results: {…} }` with an object here. */
export async function getPayment(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const paymentId = String(this.getNodeParameter('paymentId', '')).trim();
	if (!paymentId) {
		return failItem(
			this,
			new NodeOperationError(this.getNode(), `Payment ID: is empty [item ${itemIndex}]`, {
				itemIndex,
				description: 'Enter the id of a resident payment, e.g. from Get Many.',
			}),
		);
	}
	try {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: String(requestData.options.url),
			base: userRequestOptions(requestData.options),
			errorContext: { itemIndex, subject: `resident payment ${paymentId}` },
		});
		const body = (response.body ?? {}) as { results?: IDataObject };
		return pairedItems(this, body.results ? [body.results] : []);
	} catch (error) {
		return failItem(this, error);
	}
}
