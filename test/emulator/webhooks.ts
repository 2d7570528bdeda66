/**
 * Propexo's webhooks (CONTRACT §6): the /v1/webhooks/ routes, and signed deliveries of events
 * (`propexo-signature`: HMAC-SHA256 hex of the body sent, keyed with the webhook's secret).
 * A delivery answered with anything but 2xx is sent again after `retryIntervalMs` (Propexo: every
 * 15 minutes), up to `maxRetries` times.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { ApiError, type ApiResponse } from './errors';
import type { RequestContext, Route } from './router';

export const POST_TRIGGERS = [
	'DATA_UPDATE',
	'DATA_NEW',
	'JOB_FAILURE',
	'SYNC_COMPLETE',
	'FIRST_SYNC_COMPLETE',
	'WRITE_OPERATION_FAILURE',
];
const PUT_TRIGGERS = [...POST_TRIGGERS, 'JOB_SUCCESS'];
const RECORD_TRIGGERS = ['DATA_NEW', 'DATA_UPDATE'];

export interface WebhookRecord {
	id: string;
	created_at: string;
	updated_at: string;
	url: string;
	headers: Array<{ header: string; value: string }>;
	active: boolean;
	secret: string;
	system: 'SANDBOX';
	triggers: Array<{ id: string; trigger: string; model: string | null }>;
}

export interface DeliveryAttempt {
	at: number;
	/** HTTP status, or 0 when no answer came. */
	status: number;
}

export interface Delivery {
	id: number;
	webhookId: string;
	event: string;
	body: string;
	signature: string;
	attempts: DeliveryAttempt[];
	delivered: boolean;
}

export interface WebhookSettings {
	/** Between a failed attempt and the next. Propexo: 15 minutes. */
	retryIntervalMs: number;
	/** Attempts after the first. Propexo: 10. */
	maxRetries: number;
	/** How long after the event the first attempt goes out. */
	eventDelayMs: number;
	/** `wrapped`: { trigger, data }; `flat`: the data with `event` at the top. */
	envelope: 'wrapped' | 'flat';
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
	retryIntervalMs: 15 * 60 * 1000,
	maxRetries: 10,
	eventDelayMs: 0,
	envelope: 'wrapped',
};

export function signBody(secret: string, body: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

export class Webhooks {
	readonly hooks = new Map<string, WebhookRecord>();
	readonly deliveries: Delivery[] = [];
	settings: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS };
	private readonly timers = new Set<NodeJS.Timeout>();
	private nextDelivery = 1;

	readonly routes: Route[] = [
		{ method: 'GET', pattern: '/v1/webhooks/', handler: (ctx) => this.list(ctx) },
		{ method: 'POST', pattern: '/v1/webhooks/', handler: (ctx) => this.create(ctx) },
		{ method: 'GET', pattern: '/v1/webhooks/{webhook_id}', handler: (ctx) => this.get(ctx) },
		{ method: 'PUT', pattern: '/v1/webhooks/{webhook_id}', handler: (ctx) => this.update(ctx) },
		{ method: 'DELETE', pattern: '/v1/webhooks/{webhook_id}', handler: (ctx) => this.remove(ctx) },
	];

	configure(settings: Partial<WebhookSettings>): void {
		this.settings = { ...this.settings, ...settings };
	}

	/** Sends `data` as `event` to every active webhook subscribed to it (and to its model). */
	emit(event: string, data: Record<string, unknown>, model?: string): Delivery[] {
		const sent: Delivery[] = [];
		for (const hook of this.hooks.values()) {
			if (!hook.active) continue;
			const subscribed = hook.triggers.some(
				(t) =>
					t.trigger === event &&
					(!RECORD_TRIGGERS.includes(event) || !t.model || !model || t.model === model),
			);
			if (!subscribed) continue;
			const payload = { ...data, event };
			const body = JSON.stringify(
				this.settings.envelope === 'flat' ? payload : { trigger: event, data: payload },
			);
			const delivery: Delivery = {
				id: this.nextDelivery++,
				webhookId: hook.id,
				event,
				body,
				signature: signBody(hook.secret, body),
				attempts: [],
				delivered: false,
			};
			this.deliveries.push(delivery);
			sent.push(delivery);
			this.later(this.settings.eventDelayMs, () => this.attempt(delivery, hook));
		}
		return sent;
	}

	reset(): void {
		this.close();
		this.hooks.clear();
		this.deliveries.length = 0;
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	private later(ms: number, run: () => Promise<void>): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			void run();
		}, ms);
		timer.unref();
		this.timers.add(timer);
	}

	private async attempt(delivery: Delivery, hook: WebhookRecord): Promise<void> {
		let status = 0;
		try {
			const headers: Record<string, string> = {
				'content-type': 'application/json',
				'propexo-signature': delivery.signature,
			};
			for (const { header, value } of hook.headers) headers[header] = value;
			const response = await fetch(hook.url, { method: 'POST', headers, body: delivery.body });
			status = response.status;
			await response.arrayBuffer();
		} catch {
			status = 0;
		}
		delivery.attempts.push({ at: Date.now(), status });
		if (status >= 200 && status < 300) {
			delivery.delivered = true;
			return;
		}
		if (delivery.attempts.length <= this.settings.maxRetries && this.hooks.has(hook.id)) {
			this.later(this.settings.retryIntervalMs, () => this.attempt(delivery, hook));
		}
	}

	private list(ctx: RequestContext): ApiResponse {
		const active = ctx.query.active === undefined ? true : ctx.query.active === 'true';
		const rows = [...this.hooks.values()].filter((hook) => hook.active === active);
		const offset = Number(ctx.query.offset ?? 0) || 0;
		const limit = Number(ctx.query.limit ?? 100) || 100;
		const page = rows.slice(offset, offset + limit);
		return {
			status: 200,
			body: {
				meta: { total: rows.length, offset, limit, hasMore: offset + page.length < rows.length },
				results: page,
			},
		};
	}

	private create(ctx: RequestContext): ApiResponse {
		const body = requireObject(ctx.body);
		if (typeof body.url !== 'string' || !isUrl(body.url)) {
			throw validation('url', 'Required: a URL');
		}
		const now = new Date(ctx.now).toISOString();
		const hook: WebhookRecord = {
			id: randomUUID(),
			created_at: now,
			updated_at: now,
			url: body.url,
			headers: readHeaders(body.headers),
			active: body.active === true,
			secret: readSecret(body.secret) ?? randomBytes(16).toString('hex'),
			system: 'SANDBOX',
			triggers: readTriggers(body.triggers, body.model, POST_TRIGGERS),
		};
		this.hooks.set(hook.id, hook);
		return { status: 201, body: { result: hook } };
	}

	private get(ctx: RequestContext): ApiResponse {
		const hook = this.find(ctx.params.webhook_id);
		return { status: 200, body: { meta: {}, results: hook } };
	}

	private update(ctx: RequestContext): ApiResponse {
		const hook = this.find(ctx.params.webhook_id);
		const body = requireObject(ctx.body);
		if (body.url !== undefined) {
			if (typeof body.url !== 'string' || !isUrl(body.url)) throw validation('url', 'Not a URL');
			hook.url = body.url;
		}
		if (body.headers !== undefined) hook.headers = readHeaders(body.headers);
		if (body.active !== undefined) hook.active = body.active === true;
		const secret = readSecret(body.secret);
		if (secret) hook.secret = secret;
		if (body.triggers !== undefined) {
			hook.triggers = readTriggers(body.triggers, body.model, PUT_TRIGGERS);
		}
		hook.updated_at = new Date(ctx.now).toISOString();
		return { status: 200, body: { result: hook } };
	}

	private remove(ctx: RequestContext): ApiResponse {
		const hook = this.find(ctx.params.webhook_id);
		this.hooks.delete(hook.id);
		return { status: 200, body: { result: { id: hook.id } } };
	}

	private find(id: string): WebhookRecord {
		const hook = this.hooks.get(id);
		if (!hook) throw new ApiError(404, 'NOT_FOUND', `Webhook '${id}' was not found`);
		return hook;
	}
}

function validation(field: string, message: string): ApiError {
	return new ApiError(400, 'VALIDATION_ERROR', `${field}: ${message}`, { [field]: message });
}

function requireObject(body: unknown): Record<string, unknown> {
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw validation('body', 'Expected a JSON object');
	}
	return body as Record<string, unknown>;
}

function isUrl(text: string): boolean {
	try {
		return /^https?:$/.test(new URL(text).protocol);
	} catch {
		return false;
	}
}

function readSecret(secret: unknown): string | undefined {
	if (secret === undefined || secret === null) return undefined;
	if (typeof secret !== 'string' || secret.length < 10) {
		throw validation('secret', 'Must be at least 10 characters');
	}
	return secret;
}

function readHeaders(headers: unknown): WebhookRecord['headers'] {
	if (headers === undefined || headers === null) return [];
	if (!Array.isArray(headers)) throw validation('headers', 'Expected [{ header, value }]');
	return headers.map((h: { header?: unknown; value?: unknown }) => ({
		header: String(h.header),
		value: String(h.value),
	}));
}

function readTriggers(triggers: unknown, model: unknown, allowed: string[]) {
	if (!Array.isArray(triggers) || triggers.length === 0) {
		throw validation('triggers', 'At least one trigger is required');
	}
	const bad = triggers.find((t) => !allowed.includes(String(t)));
	if (bad !== undefined) throw validation('triggers', `Unknown trigger '${String(bad)}'`);
	if (model !== undefined && typeof model !== 'string') throw validation('model', 'Not a model');
	return triggers.map((trigger) => ({
		id: randomUUID(),
		trigger: String(trigger),
		model: typeof model === 'string' && RECORD_TRIGGERS.includes(String(trigger)) ? model : null,
	}));
}
