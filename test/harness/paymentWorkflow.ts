import type { Emulator } from '../emulator';
import { PAYMENT_NODE_TYPE } from './engine';
import type { NodeRun, NodeRunOptions } from './nodeWorkflow';
import { runPropexoNode } from './nodeWorkflow';
import { CREATE_FROM_JSON } from './paymentFixtures';

export const PAYMENT_URL = '/v1/resident-payments/resman/';

export { CREATE_FROM_JSON, samplePayment } from './paymentFixtures';

export const PAYMENT_NODE = 'ResMan Payment';

export type PaymentRun = NodeRun;
export type PaymentRunOptions = NodeRunOptions;

/** Runs Test Items → ResMan Payment through n8n's engine against the emulator. */
export async function runPaymentNode(
	propexo: Pick<Emulator, 'url' | 'token'>,
	options: PaymentRunOptions,
): Promise<PaymentRun> {
	return await runPropexoNode(
		propexo,
		{
			id: 'payment',
			type: PAYMENT_NODE_TYPE,
			name: PAYMENT_NODE,
			inputName: 'Payments',
			parameters: CREATE_FROM_JSON,
		},
		options,
	);
}

/** POSTs the emulator received on the ResMan payment endpoint. */
export function paymentPosts(emulator: Emulator) {
	return emulator.requests.filter(
		(request) => request.method === 'POST' && request.path === PAYMENT_URL,
	);
}
