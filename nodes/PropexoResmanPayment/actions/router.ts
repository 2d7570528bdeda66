import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as payment from './payment';
import { operationError } from '../../shared/errors';
import { LEDGER_RESOURCE, ledgerAction } from '../../shared/ledgerResource';

type Action = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

const paymentNoun = { one: 'payment', many: 'payments' };

const resources: Record<string, Record<string, Action | undefined>> = {
	payment: {
		create: payment.create,
		get: payment.get,
		getMany: payment.getMany,
		getWriteStatus: payment.getWriteStatus,
		reconcile: payment.reconcile,
	},
};

/** Runs the chosen operation over all input items; one output, each item paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	// Workflows saved before the Resource parameter existed are all Payment.
	const resource = this.getNodeParameter('resource', 0, 'payment') as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const ledger = resource === LEDGER_RESOURCE ? ledgerAction(operation, paymentNoun) : undefined;
	const action = ledger ? { execute: ledger } : resources[resource]?.[operation];
	if (!action) {
		throw operationError(
			this.getNode(),
			`The operation "${operation}" of "${resource}" is not supported`,
		);
	}
	return [await action.execute.call(this)];
}
