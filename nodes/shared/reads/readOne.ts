import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { propexoRequest } from '../transport';
import { readRequestOptions } from '../transport/requestOptions';
import { errorItem, pairedItems } from '../helpers/itemResults';
import { operationError } from '../errors';

export interface ReadOne {
	/** The node parameter holding the ID, and how the user knows it. */
	parameter: string;
	label: string;
	hint: string;
	url: (id: string) => string;
	subject: (id: string) => string;
	/** The output record from Propexo's answer, or none. */
	toRecord: (body: unknown, id: string) => IDataObject | undefined;
}

/** One GET by an ID parameter per input item, each output paired with its item. */
export async function readOne(
	this: IExecuteFunctions,
	read: ReadOne,
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const id = String(this.getNodeParameter(read.parameter, itemIndex, '')).trim();
		if (!id) {
			throw operationError(this.getNode(), `${read.label}: is empty [item ${itemIndex}]`, {
				itemIndex,
				description: read.hint,
			});
		}
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: read.url(id),
			base: readRequestOptions.call(this),
			signal: this.getExecutionCancelSignal(),
			errorContext: { itemIndex, subject: read.subject(id) },
		});
		const record = read.toRecord(response.body, id);
		return record ? [record] : [];
	});
}

/**
 * Runs a read for each input item in turn. A failure becomes an error item with "On Error:
 * Continue", and stops the node otherwise (reads move no money, so nothing needs accounting).
 */
export async function forEachItem(
	this: IExecuteFunctions,
	read: (itemIndex: number) => Promise<IDataObject[]>,
): Promise<INodeExecutionData[]> {
	const output: INodeExecutionData[] = [];
	const itemCount = this.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			output.push(...pairedItems(itemIndex, await read(itemIndex)));
		} catch (error) {
			const nodeError =
				error instanceof NodeOperationError || error instanceof NodeApiError
					? error
					: operationError(this.getNode(), (error as Error).message, { itemIndex });
			if (!this.continueOnFail()) throw nodeError;
			output.push(errorItem(itemIndex, nodeError));
		}
	}
	return output;
}
