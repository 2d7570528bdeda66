import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { reconcile } from '../../../shared/reconcile';
import { reconcileProperties } from '../../../shared/reconcile/fields';

const noun = { one: 'payment', many: 'payments' };

export const description = reconcileProperties('payment', noun);

/** What became of the payments this workflow posted in the period: one item per payment. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await reconcile.call(this, {
		noun,
		model: 'resident_payments',
		listUrl: '/v1/resident-payments/',
	});
}
