import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { NodeError } from '../writes/outcomes';

/** Output items of one input item, each paired with it. */
export function pairedItems(itemIndex: number, records: IDataObject[]): INodeExecutionData[] {
	return records.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/**
 * An item error for "On Error: Continue". The json keeps only `error` and `details`, n8n's own
 * shape, so that n8n sends it to the error output and shows it merged with the input item.
 */
export function errorItem(itemIndex: number, error: NodeError): INodeExecutionData {
	return {
		json: { error: error.message, details: error.description ?? '' },
		pairedItem: { item: itemIndex },
	};
}
