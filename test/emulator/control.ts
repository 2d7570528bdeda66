/**
 * Out-of-process control routes under /__emulator/ (no auth, not rate limited, not logged):
 *   GET  /__emulator/requests       RecordedRequest[]
 *   GET  /__emulator/ledger         LedgerEntry[] (payments)
 *   GET  /__emulator/charge-ledger  ChargeLedgerEntry[] (single and batch charges)
 *   GET  /__emulator/seed           ids and names tests can use
 *   POST /__emulator/faults         { match: { method?, path? }, faults: Fault[] }
 *   POST /__emulator/reset
 *   POST /__emulator/rate-limit     { limit, windowMs, slowdownRatio?, slowdownMs? } | false | null (default)
 *   POST /__emulator/max-batch-size { maxBatchSize } | n | null (default 500)
 *   GET  /__emulator/webhooks       { webhooks, deliveries }
 *   POST /__emulator/webhooks/settings { retryIntervalMs?, maxRetries?, eventDelayMs?, envelope? }
 *   POST /__emulator/webhooks/emit  { event, data, model? }: sent, signed, to subscribed webhooks
 */
import { ApiError, type ApiResponse } from './errors';
import type { FaultQueue } from './faults';
import type { SeedData } from './seed';
import type { Store } from './store';
import type { Webhooks, WebhookSettings } from './webhooks';
import type { Fault, FaultMatch, RateLimitOptions } from './types';

export interface ControlDeps {
	store: Store;
	faults: FaultQueue;
	setRateLimit(rateLimit: RateLimitOptions | false | undefined): void;
	reset(): void;
	webhooks: Webhooks;
}

export function handleControl(
	method: string,
	path: string,
	body: unknown,
	deps: ControlDeps,
): ApiResponse {
	const route = `${method} ${path.replace(/\/$/, '')}`;
	const ok = (payload: unknown = { ok: true }): ApiResponse => ({ status: 200, body: payload });
	try {
		switch (route) {
			case 'GET /__emulator/requests':
				return ok(deps.store.requests);
			case 'GET /__emulator/ledger':
				return ok(deps.store.ledger);
			case 'GET /__emulator/charge-ledger':
				return ok(deps.store.chargeLedger);
			case 'GET /__emulator/seed':
				return ok(seedSummary(deps.store.seed));
			case 'POST /__emulator/faults': {
				const { match, faults } = (body ?? {}) as { match?: FaultMatch; faults?: Fault[] };
				if (!Array.isArray(faults)) throw new Error('Body must be { match, faults: Fault[] }');
				deps.faults.add(match ?? {}, faults);
				return ok({ ok: true, queued: deps.faults.size });
			}
			case 'GET /__emulator/webhooks':
				return ok({
					webhooks: [...deps.webhooks.hooks.values()],
					deliveries: deps.webhooks.deliveries,
				});
			case 'POST /__emulator/webhooks/settings':
				deps.webhooks.configure((body ?? {}) as Partial<WebhookSettings>);
				return ok({ ok: true, settings: deps.webhooks.settings });
			case 'POST /__emulator/webhooks/emit': {
				const { event, data, model } = (body ?? {}) as {
					event?: string;
					data?: Record<string, unknown>;
					model?: string;
				};
				if (typeof event !== 'string') throw new Error('Body must be { event, data, model? }');
				return ok({ deliveries: deps.webhooks.emit(event, data ?? {}, model) });
			}
			case 'POST /__emulator/reset':
				deps.reset();
				return ok();
			case 'POST /__emulator/rate-limit': {
				const value =
					body && typeof body === 'object' && 'rateLimit' in body ? body.rateLimit : body;
				deps.setRateLimit(value === null ? undefined : (value as RateLimitOptions | false));
				return ok();
			}
			case 'POST /__emulator/max-batch-size': {
				const value =
					body && typeof body === 'object' && 'maxBatchSize' in body ? body.maxBatchSize : body;
				deps.store.setMaxBatchSize(value === null ? undefined : (value as number));
				return ok({ ok: true, maxBatchSize: deps.store.maxBatchSize });
			}
		}
	} catch (error) {
		throw new ApiError(400, 'BAD_CONTROL_REQUEST', (error as Error).message);
	}
	throw new ApiError(404, 'NOT_FOUND', `Unknown control route ${method} ${path}`);
}

function seedSummary(seed: SeedData) {
	return {
		ids: seed.ids,
		primaryIntegrationId: seed.primaryIntegrationId,
		primaryResidentId: seed.primaryResidentId,
		openBalanceResidentId: seed.openBalanceResidentId,
		resmanIntegrationIds: seed.resmanIntegrationIds,
		integrations: seed.integrations.map((i) => ({
			id: i.id,
			name: i.name,
			vendor: i.vendor,
			is_archived: i.is_archived,
			failingResidentId: i.vendor === 'RESMAN' ? seed.failingResidentId(i.id) : null,
			residents: seed.residentsOf(i.id).length,
			payments: seed.paymentCount(i.id),
			charges: seed.chargeCount(i.id),
		})),
	};
}
