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
 * With "On Error: Continue" the item's error becomes its output (paired, so n8n's error output
 * shows the input that failed); otherwise the run stops and the error is raised.
 */
export function failItem(
	context: IExecuteSingleFunctions,
	error: unknown,
	extra: IDataObject = {},
): INodeExecutionData[] {
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
			json: { error: nodeError.message, description: nodeError.description ?? '', ...extra },
			error: nodeError,
			pairedItem: { item: context.getItemIndex() },
		},
	];
}
