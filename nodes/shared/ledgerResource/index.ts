import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteNoun } from '../writes/outcomes';
import { recordFields } from './fields';
import * as getMany from './getMany.operation';
import type { RecordOperation } from './recordOperations';
import { runRecordOperation } from './recordOperations';

export const LEDGER_RESOURCE = 'ledger';

/** The Ledger resource's Operation parameter and fields, worded for the node's records. */
export function ledgerDescription(noun: WriteNoun): INodeProperties[] {
	const recordOperations = ['lookUp', 'markRecorded', 'markNotRecorded'];
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [LEDGER_RESOURCE] } },
			default: 'lookUp',
			options: [
				{
					name: 'Get Many',
					value: 'getMany',
					action: `List the ${noun.many} the ledger remembers`,
					description: `List the ${noun.many} this workflow posted, or whose outcome is unknown`,
				},
				{
					name: 'Look Up',
					value: 'lookUp',
					action: `Look up a ${noun.one} in the ledger`,
					description: `Whether the ledger holds a ${noun.one} as posted, unknown or in flight`,
				},
				{
					name: 'Mark as Not Recorded',
					value: 'markNotRecorded',
					action: `Mark a ${noun.one} as not recorded`,
					description: `You checked ResMan and the ${noun.one} is not there: the next run posts it`,
				},
				{
					name: 'Mark as Recorded',
					value: 'markRecorded',
					action: `Mark a ${noun.one} as recorded`,
					description: `You checked ResMan and the ${noun.one} is there: later runs skip it`,
				},
			],
		},
		...updateDisplayOptions(
			{ show: { resource: [LEDGER_RESOURCE], operation: recordOperations } },
			[
				{
					displayName: `Use the same values as the Create that posted the ${noun.one}: the ledger knows a ${noun.one} by its integration, batch and reference number, with its amount and resident. Checks and marks apply to every Propexo node of this workflow.`,
					name: 'ledgerRecordNotice',
					type: 'notice',
					default: '',
				},
				...recordFields(noun),
			],
		),
		...updateDisplayOptions(
			{ show: { resource: [LEDGER_RESOURCE], operation: ['getMany'] } },
			getMany.getManyFields,
		),
	];
}

/** Runs a Ledger operation; undefined for an operation it does not have. */
export function ledgerAction(
	operation: string,
	noun: WriteNoun,
): ((this: IExecuteFunctions) => Promise<INodeExecutionData[]>) | undefined {
	if (operation === 'getMany') {
		return async function (this: IExecuteFunctions) {
			return await getMany.execute.call(this, noun.one);
		};
	}
	if (['lookUp', 'markRecorded', 'markNotRecorded'].includes(operation)) {
		return async function (this: IExecuteFunctions) {
			return await runRecordOperation.call(this, operation as RecordOperation, noun);
		};
	}
	return undefined;
}
