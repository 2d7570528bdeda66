import { createHash } from 'node:crypto';

import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { EVENT_TRIGGERS, RECORD_EVENTS, modelOf, readDelivery } from './events';
import { registrationOf } from './lifecycle';
import { SIGNATURE_HEADER, signatureMatches } from './signature';

/**
 * Propexo retries a failed delivery every 15 minutes, up to 10 times: a redelivery comes within
 * 150 minutes. Deliveries are remembered a day.
 */
export const REDELIVERY_WINDOW_MS = 24 * 60 * 60 * 1000;

// Bounds the node's static data, which n8n loads with the workflow.
const MAX_REMEMBERED = 2000;

/** The delivery's identity: the same bytes delivered again are the same event. */
export function deliveryIdOf(raw: Buffer | undefined, body: unknown): string {
	return createHash('sha256')
		.update(raw && raw.length > 0 ? raw : JSON.stringify(body ?? null))
		.digest('hex');
}

/**
 * Checks the signature before anything else; then starts the workflow with the event, unless it
 * was not chosen, is of another integration, or is a delivery seen before.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const request = this.getRequestObject();
	const raw = (request as { rawBody?: Buffer }).rawBody;
	const body = this.getBodyData();
	const registration = registrationOf(this);
	const supplied = this.getHeaderData()[SIGNATURE_HEADER];
	if (!signatureMatches(registration.secret ?? '', supplied, raw, body)) {
		const response = this.getResponseObject();
		response.status(401).json({ message: 'Missing or wrong propexo-signature' });
		return { noWebhookResponse: true };
	}
	const delivery = readDelivery(body);
	if (!delivery || !wanted.call(this, delivery.event, delivery.data)) {
		return { webhookResponse: { received: true, ignored: true } };
	}
	const deliveryId = deliveryIdOf(raw, body);
	if (rememberDelivery(registration, deliveryId)) {
		return { webhookResponse: { received: true, redelivery: true } };
	}
	return {
		workflowData: [[{ json: { ...delivery.data, delivery_id: deliveryId } }]],
	};
}

function wanted(this: IWebhookFunctions, event: string, data: IDataObject): boolean {
	const events = this.getNodeParameter('events', []) as string[];
	if (!events.some((chosen) => EVENT_TRIGGERS[chosen]?.includes(event))) return false;
	const integrationId = this.getNodeParameter('integrationId', '', {
		extractValue: true,
	}) as string;
	if (integrationId && data.integration_id !== integrationId) return false;
	if (RECORD_EVENTS.includes(event)) {
		const model = modelOf(data);
		if (model && model !== this.getNodeParameter('model', 'resident_payments')) return false;
	}
	return true;
}

/**
 * Remembers the delivery in the node's static data, which n8n saves after answering even when no
 * execution starts; returns whether it was there already. An execution saves its own copy of the
 * static data, loaded before: the trigger's execution remembers the delivery again in it (and
 * checks n8n's processed-data store, see output.ts).
 */
export function rememberDelivery(registration: IDataObject, deliveryId: string): boolean {
	const now = Date.now();
	const seen = (registration.deliveries ?? {}) as Record<string, number>;
	const kept = Object.entries(seen)
		.filter(([, at]) => now - at < REDELIVERY_WINDOW_MS)
		.slice(-MAX_REMEMBERED);
	const fresh = !kept.some(([id]) => id === deliveryId);
	if (fresh) kept.push([deliveryId, now]);
	registration.deliveries = Object.fromEntries(kept.slice(-MAX_REMEMBERED));
	return !fresh;
}
