import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { reconcile } from '../../../shared/reconcile';
import { reconcileProperties } from '../../../shared/reconcile/fields';
import { chargeNoun } from './fields';

export const description = reconcileProperties('charge', chargeNoun);

/** What became of the charges this workflow posted in the period: one item per charge. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await reconcile.call(this, {
		noun: chargeNoun,
		model: 'resident_charges',
		listUrl: '/v1/resident-charges/',
	});
}
