import type { IDataObject, IExecuteSingleFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { stopRun } from './runGuard';

/** Output items of one input item, each paired with it. */
export function pairedItems(
	context: IExecuteSingleFunctions,
	records: IDataObject[],
): INodeExecutionData[] {
	const pairedItem = { item: context.getItemIndex() };
	return records.map((json) => ({ json, pairedItem }));
}

/**
 * With "On Error: Continue" the item's error becomes its output; otherwise the run stops and the
 * error is raised. The output keeps only `error` and `details` so that n8n recognises it as an
 * error and, through pairedItem, shows it merged with the input item that failed.
 */
export function failItem(context: IExecuteSingleFunctions, error: unknown): INodeExecutionData[] {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(context.getNode(), error as Error, {
					itemIndex: context.getItemIndex(),
				});
	if (!context.continueOnFail()) {
		stopRun(context, nodeError);
		throw nodeError;
	}
	return [
		{
			json: { error: nodeError.message, details: nodeError.description ?? '' },
			pairedItem: { item: context.getItemIndex() },
		},
	];
}
