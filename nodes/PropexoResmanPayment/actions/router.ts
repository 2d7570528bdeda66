import * as payment from './payment';
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
		},
	},
	paymentNoun,
	'payment',
);
