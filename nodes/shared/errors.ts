import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** The errors a node raises for an item: bad input, or what Propexo answered. */
export type NodeError = NodeApiError | NodeOperationError;

type OperationOptions = ConstructorParameters<typeof NodeOperationError>[2];
type ApiOptions = NonNullable<ConstructorParameters<typeof NodeApiError>[2]>;

// n8n swaps a message that merely contains a system error code (ECONNRESET, EACCES, ...) for its
// own generic text, even when the code is part of a reference number or of Propexo's message, and
// "may have been recorded" would be lost. The message we chose is put back.

/** A NodeOperationError whose message is exactly `message`. */
export function operationError(
	node: INode,
	message: string,
	options?: OperationOptions,
): NodeOperationError {
	const error = new NodeOperationError(node, message, options);
	error.message = message;
	return error;
}

/** A NodeApiError carrying Propexo's answer, whose message is exactly `options.message`. */
export function apiError(node: INode, body: JsonObject, options: ApiOptions): NodeApiError {
	const error = new NodeApiError(node, body, options);
	if (options.message !== undefined) error.message = options.message;
	return error;
}
