import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { WriteNoun } from './outcomes';
import { operationError } from '../errors';

/** Why an item was never sent, as an item error that says it is safe to send again. */
export function notSentError(
	node: INode,
	itemIndex: number,
	noun: WriteNoun,
	reason: 'stopped' | 'cancelled',
): NodeOperationError {
	const why =
		reason === 'cancelled'
			? 'the execution was cancelled'
			: 'the node stopped at an earlier failure';
	return operationError(node, `Not sent: ${why} [item ${itemIndex}]`, {
		itemIndex,
		description: `This ${noun.one} was never sent, so nothing was recorded: it is safe to run it again.`,
	});
}

/** Thrown by the send hook when the run stopped between the rate-limit wait and the send. */
export class RunHalted extends NodeOperationError {
	constructor(node: INode) {
		super(node, 'The run stopped before this request was sent');
	}
}
