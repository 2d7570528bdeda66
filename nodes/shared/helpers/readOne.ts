import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { propexoRequest } from '../transport';
import { userRequestOptions } from '../transport/userRequestOptions';
import { failItem, pairedItems } from './itemResults';

export interface ReadOne {
	/** The node parameter holding the ID, and how the user knows it. */
	parameter: string;
	label: string;
	hint: string;
	subject: (id: string) => string;
	/** The output record from Propexo's answer, or none. */
	toRecord: (body: unknown, id: string) => IDataObject | undefined;
}

/** One GET by an ID parameter (the URL comes from routing), one paired output item. */
export async function readOne(
	this: IExecuteSingleFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
	read: ReadOne,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	const id = String(this.getNodeParameter(read.parameter, '')).trim();
	if (!id) {
		return failItem(
			this,
			new NodeOperationError(this.getNode(), `${read.label}: is empty [item ${itemIndex}]`, {
				itemIndex,
				description: read.hint,
			}),
		);
	}
	try {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: String(requestData.options.url),
			base: userRequestOptions(requestData.options),
			errorContext: { itemIndex, subject: read.subject(id) },
		});
		const record = read.toRecord(response.body, id);
		return pairedItems(this, record ? [record] : []);
	} catch (error) {
		return failItem(this, error);
	}
}
