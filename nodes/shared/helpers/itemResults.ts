import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from '../errors';

/** Output items of one input item, each paired with it. */
export function pairedItems(itemIndex: number, records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * An item error for "On Error: Continue". The json has one key, `error`, which every n8n (1.x
 * and 2.x) sends to the error output and shows merged with the input item. It holds the message,
 * the details, and the facts the next steps need (`outcome`, the record, the job ID).
 */
export function errorItem(
	itemIndex: number,
	error: NodeError,
	facts: IDataObject = {},
): INodeExecutionData {
	return {
		json: { error: { message: error.message, details: error.description ?? '', ...facts } },
		pairedItem: { item: itemIndex },
	};
}
