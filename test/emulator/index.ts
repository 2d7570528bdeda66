/**
 * Local Propexo API emulator for tests and demos. See README.md.
 *
 *   const emulator = await startEmulator({ writeStatusDelayMs: 50 });
 *   // emulator.url, emulator.token, SEED.primaryIntegrationId, ...
 *   await emulator.close();
 */
export { startEmulator } from './server';
export { SEED, buildSeed, FAILING_FIRST_NAME, FAILING_LAST_NAME } from './seed';
export type { SeedData, SeedOptions } from './seed';
export { DEFAULT_MAX_BATCH_SIZE, WRITE_ERRORS, batchWriteError } from './store';
export { DEFAULT_RATE_LIMIT } from './rate-limit';
export { PAYMENT_TYPES } from './seed-catalog';
export type {
	ChargeLedgerEntry,
	Emulator,
	EmulatorOptions,
	Fault,
	FaultMatch,
	LedgerEntry,
	RateLimitOptions,
	RecordedRequest,
} from './types';
export { DEFAULT_WEBHOOK_SETTINGS, POST_TRIGGERS, Webhooks, signBody } from './webhooks';
export type { Delivery, WebhookRecord, WebhookSettings } from './webhooks';
