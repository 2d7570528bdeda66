import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { operationError } from './errors';
import { LEDGER_RESOURCE, ledgerAction } from './ledgerResource';
import type { WriteNoun } from './writes/outcomes';

export type Action = { execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> };

export type Resources = Record<string, Record<string, Action | undefined>>;

/**
 * A node's router: runs the chosen operation over all input items, one output, each item paired
 * with its input. Every node has the Ledger resource for what it writes (`noun`).
 * `defaultResource` is what workflows saved before the Resource parameter existed use.
 */
export function resourceRouter(resources: Resources, noun: WriteNoun, defaultResource?: string) {
	return async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const resource = (
			defaultResource === undefined
				? this.getNodeParameter('resource', 0)
				: this.getNodeParameter('resource', 0, defaultResource)
		) as string;
		const operation = this.getNodeParameter('operation', 0) as string;
		const ledger = resource === LEDGER_RESOURCE ? ledgerAction(operation, noun) : undefined;
		const action = ledger ? { execute: ledger } : resources[resource]?.[operation];
		if (!action) {
			throw operationError(
				this.getNode(),
				`The operation "${operation}" of "${resource}" is not supported`,
			);
		}
		return [await action.execute.call(this)];
	};
}
