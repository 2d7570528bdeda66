import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../errors';
import { errorItem } from '../helpers/itemResults';
import { parameterReader } from '../validation/parameterReader';
import type { LedgerState } from '../writes/ledger/durableLedger';
import { lookUp, markNotRecorded, markRecorded, marksOf } from '../writes/ledger/durableLedger';
import { rememberResolution } from '../writes/ledger';
import { processedStoreOf } from '../writes/ledger/processedStore';
import type { NodeError } from '../errors';
import type { WriteNoun } from '../writes/outcomes';
import { readRecord } from './fields';

export type RecordOperation = 'lookUp' | 'markRecorded' | 'markNotRecorded';

/**
 * Look Up, Mark as Recorded and Mark as Not Recorded: one record per input item, in n8n's
 * database, shared by every Propexo node of the workflow.
 */
export async function runRecordOperation(
	this: IExecuteFunctions,
	operation: RecordOperation,
	noun: WriteNoun,
): Promise<INodeExecutionData[]> {
	const store = processedStoreOf(this);
	const read = parameterReader.call(this);
	const node = this.getNode();
	const timezone = this.getTimezone();
	const output: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			const { identity, json } = readRecord(read, { node, itemIndex, timezone });
			const marks = marksOf(noun.one, identity);
			const before: LedgerState = await lookUp(store, marks);
			let after = before;
			if (operation === 'markRecorded') {
				await markRecorded(store, marks);
				after = 'posted';
			} else if (operation === 'markNotRecorded') {
				await markNotRecorded(store, marks);
				after = 'not recorded';
			}
			if (operation !== 'lookUp') rememberResolution(this, noun.one, identity, after === 'posted');
			output.push({
				json: {
					...json,
					ledger_state: after,
					...(operation === 'lookUp' ? {} : { previous_state: before }),
				},
				pairedItem: { item: itemIndex },
			});
		} catch (error) {
			const itemError = asItemError(this, error, itemIndex);
			if (!this.continueOnFail()) throw itemError;
			output.push(errorItem(itemIndex, itemError));
		}
	}
	await store.drained();
	return output;
}

function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return operationError(
		context.getNode(),
		`n8n's database did not answer: ${(error as Error).message} [item ${itemIndex}]`,
		{ itemIndex, description: 'Nothing was changed for this item. Run it again.' },
	);
}
