/**
 * Workflow pieces the e2e and durable e2e tests share: a payment portal's Webhook, and ResMan
 * Payment → Create with every field mapped from it.
 */
import { randomUUID } from 'node:crypto';

export const PORTAL_WEBHOOK = 'Portal Webhook';

/** The Webhook node a payment portal posts to, answering with the last node's output. */
export function portalWebhookNode(
	path: string,
	parameters: Record<string, unknown> = {},
): Record<string, unknown> {
	return {
		id: randomUUID(),
		name: PORTAL_WEBHOOK,
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', ...parameters, options: {} },
	};
}

/** Create's parameters, each field mapped from `from`, an expression such as `$json.body`. */
export function mappedPaymentParameters(from: string): Record<string, unknown> {
	const mapped = (field: string) => `={{ ${from}.${field} }}`;
	return {
		operation: 'create',
		integrationId: { __rl: true, mode: 'id', value: mapped('integration_id') },
		residentId: { __rl: true, mode: 'id', value: mapped('resident_id') },
		paymentType: mapped('payment_type'),
		amountInCents: mapped('amount_in_cents'),
		transactionDate: mapped('transaction_date'),
		referenceNumber: mapped('reference_number'),
		batchId: mapped('batch_id'),
		description: mapped('description'),
		notes: mapped('notes'),
	};
}

/** Portal Webhook → ResMan Payment (Create) from the posted body, with the given credential. */
export function portalPaymentWorkflow(options: {
	name: string;
	path: string;
	paymentNode: string;
	credential: { id: string; name: string };
}) {
	return {
		name: options.name,
		nodes: [
			portalWebhookNode(options.path),
			{
				id: randomUUID(),
				name: options.paymentNode,
				type: 'n8n-nodes-propexo.propexoResmanPayment',
				typeVersion: 1,
				position: [300, 0],
				credentials: { propexoApi: options.credential },
				parameters: mappedPaymentParameters('$json.body'),
			},
		],
		connections: {
			[PORTAL_WEBHOOK]: { main: [[{ node: options.paymentNode, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Waits until the production webhook answers: n8n 2.x publishes an activated workflow through an
 * outbox, a moment later, and re-activates active workflows on start (a failed fetch is waited
 * out). A GET runs nothing: n8n then says the path takes POST only.
 */
export async function webhookRegistered(
	n8nUrl: string,
	webhookPath: string,
	ms = 90_000,
): Promise<void> {
	const deadline = Date.now() + ms;
	for (;;) {
		const text = await fetch(`${n8nUrl}/webhook/${webhookPath}`).then(
			(response) => response.text(),
			(error: Error) => error.message,
		);
		if (/POST request/.test(text)) return;
		if (Date.now() > deadline) throw new Error(`the webhook was never registered: ${text}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}
