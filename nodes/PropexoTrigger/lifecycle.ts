import { randomBytes } from 'node:crypto';

import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { propexoRequest } from '../shared/transport';
import { RECORD_EVENTS, triggersFor } from './events';

const SUBJECT = { itemIndex: 0, subject: "the workflow's Propexo webhook" };

/** What the node keeps in its static data: Propexo's webhook ID and the secret it signs with. */
export interface Registration {
	webhookId?: string;
	secret?: string;
}

export function registrationOf(context: { getWorkflowStaticData(type: string): IDataObject }) {
	return context.getWorkflowStaticData('node') as Registration & IDataObject;
}

function webhookUrl(id: string): string {
	return `/v1/webhooks/${encodeURIComponent(id)}`;
}

function isNotFound(error: unknown): boolean {
	return error instanceof NodeApiError && error.httpCode === '404';
}

/** One webhook from `{ result }` or `{ results }` (an object or a one-element list). */
function webhookOf(body: unknown): IDataObject | undefined {
	const data = (body ?? {}) as IDataObject;
	const found = data.result ?? data.results;
	const one = Array.isArray(found) ? found[0] : found;
	return one && typeof one === 'object' ? (one as IDataObject) : undefined;
}

/** Ours, active and pointing here; a webhook deleted or changed on Propexo's side is made anew. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(this);
	if (!registration.webhookId || !registration.secret) return false;
	let found: IDataObject | undefined;
	try {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: webhookUrl(registration.webhookId),
			errorContext: SUBJECT,
		});
		found = webhookOf(response.body);
	} catch (error) {
		if (!isNotFound(error)) throw error as NodeApiError;
	}
	if (found && found.url === this.getNodeWebhookUrl('default') && found.active !== false) {
		return true;
	}
	if (found) await deleteWebhook.call(this);
	forget(registration);
	return false;
}

export async function createWebhook(this: IHookFunctions): Promise<boolean> {
	const events = this.getNodeParameter('events', []) as string[];
	const secret = randomBytes(32).toString('hex');
	const body: IDataObject = {
		url: this.getNodeWebhookUrl('default'),
		triggers: triggersFor(events),
		secret,
		// Propexo's default is false: an inactive webhook is never called.
		active: true,
	};
	if (events.some((event) => RECORD_EVENTS.includes(event))) {
		body.model = this.getNodeParameter('model', 'resident_payments') as string;
	}
	const response = await propexoRequest.call(this, {
		method: 'POST',
		url: '/v1/webhooks/',
		body,
		errorContext: SUBJECT,
	});
	const id = webhookOf(response.body)?.id;
	if (typeof id !== 'string' || id === '') return false;
	const registration = registrationOf(this);
	registration.webhookId = id;
	registration.secret = secret;
	return true;
}

export async function deleteWebhook(this: IHookFunctions): Promise<boolean> {
	const registration = registrationOf(this);
	if (!registration.webhookId) return true;
	try {
		await propexoRequest.call(this, {
			method: 'DELETE',
			url: webhookUrl(registration.webhookId),
			errorContext: SUBJECT,
		});
	} catch (error) {
		if (!isNotFound(error)) return false;
	}
	forget(registration);
	return true;
}

function forget(registration: Registration & IDataObject): void {
	delete registration.webhookId;
	delete registration.secret;
}
