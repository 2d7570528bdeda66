import type { IExecuteSingleFunctions, NodeApiError, NodeOperationError } from 'n8n-workflow';

type NodeError = NodeApiError | NodeOperationError;

// n8n starts every item's request at once. When an item fails and the node is not set to continue,
// the run is over: items whose request has not left yet must not be sent. All items of one run
// share the same execute-data object, which keys the run here.
const stoppedRuns = new WeakMap<object, { itemIndex: number; error: NodeError }>();

export function stopRun(context: IExecuteSingleFunctions, error: NodeError): void {
	const run = context.getExecuteData();
	if (!stoppedRuns.has(run)) stoppedRuns.set(run, { itemIndex: context.getItemIndex(), error });
}

/** The failure that stopped this run, if one did. */
export function runStoppedBy(
	context: IExecuteSingleFunctions,
): { itemIndex: number; error: NodeError } | undefined {
	return stoppedRuns.get(context.getExecuteData());
}
