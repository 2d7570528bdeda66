import * as payment from './payment';
import * as resident from './resident';
import { resourceRouter } from '../../shared/router';

const paymentNoun = { one: 'payment', many: 'payments' };

// Workflows saved before the Resource parameter existed are all Payment.
export const router = resourceRouter(
	{
		payment: {
			create: payment.create,
			get: payment.get,
			getMany: payment.getMany,
			getWriteStatus: payment.getWriteStatus,
			reconcile: payment.reconcile,
		},
		resident: { find: resident.find },
	},
	paymentNoun,
	'payment',
);
