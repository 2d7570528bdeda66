import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as payment from './payment';
import { operationError } from '../../shared/errors';

type Operation = 'create' | 'get' | 'getMany' | 'getWriteStatus';

/** Runs the chosen operation over all input items; one output, each item paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as Operation;
	const action = payment[operation];
	if (!action) {
		throw operationError(this.getNode(), `The operation "${operation}" is not supported`);
	}
	return [await action.execute.call(this)];
}
