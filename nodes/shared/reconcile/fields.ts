import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { WriteNoun } from '../writes/outcomes';

export const RECONCILE_OPERATION = 'reconcile';

export function reconcileProperties(resource: string, noun: WriteNoun): INodeProperties[] {
	return updateDisplayOptions(
		{ show: { resource: [resource], operation: [RECONCILE_OPERATION] } },
		[
			{
				displayName: 'Posted in the Last (Days)',
				name: 'reconcileDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				description: `Which ${noun.many} of this workflow's ledger to check: those posted this many days back or less. One output item per ${noun.one}.`,
			},
		],
	);
}
