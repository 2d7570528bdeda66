import * as charge from './charge';
import * as chargeCode from './chargeCode';
import * as writeStatus from './writeStatus';
import { chargeNoun } from './charge/fields';
import { resourceRouter } from '../../shared/router';

export const router = resourceRouter(
	{
		charge: {
			create: charge.create,
			createBatch: charge.createBatch,
			get: charge.get,
			getMany: charge.getMany,
			reconcile: charge.reconcile,
		},
		chargeCode: { getMany: chargeCode.getMany },
		writeStatus: { get: writeStatus.get },
	},
	chargeNoun,
);
