import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as charge from './charge';
import * as chargeCode from './chargeCode';
import * as writeStatus from './writeStatus';
import { chargeNoun } from './charge/fields';
import { operationError } from '../../shared/errors';
import { LEDGER_RESOURCE, ledgerAction } from '../../shared/ledgerResource';

type Action = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const resources: Record<string, Record<string, Action | undefined>> = {
	charge: {
		create: charge.create,
		createBatch: charge.createBatch,
		get: charge.get,
		getMany: charge.getMany,
		reconcile: charge.reconcile,
	},
	chargeCode: { getMany: chargeCode.getMany },
	writeStatus: { get: writeStatus.get },
};

/** Runs the chosen operation over all input items; one output, each item paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const ledger = resource === LEDGER_RESOURCE ? ledgerAction(operation, chargeNoun) : undefined;
	const action = ledger ? { execute: ledger } : resources[resource]?.[operation];
	if (!action) {
		throw operationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await action.execute.call(this)];
}
