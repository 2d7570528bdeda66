/**
 * Runs the Propexo emulator in the foreground:  npm run emulator  (or: npx tsx test/emulator/cli.ts)
 *
 * Environment:
 *   PROPEXO_EMULATOR_PORT         port on 127.0.0.1 (default 4010; 0 = random)
 *   PROPEXO_EMULATOR_TOKEN        accepted bearer token (default 'emulator-token')
 *   PROPEXO_EMULATOR_RATE_LIMIT   'limit/windowMs' e.g. '150/60000', or 'off'
 *   PROPEXO_EMULATOR_LATENCY_MS   '20' or '20-50'
 *   PROPEXO_EMULATOR_WRITE_DELAY_MS   how long write jobs stay PENDING (default 1000)
 *   PROPEXO_EMULATOR_EXTRA_INTEGRATIONS   generated extra RESMAN integrations (default 0)
 *   PROPEXO_EMULATOR_MAX_BATCH_SIZE   most charges per batch write (default 500)
 */
import { SEED, startEmulator, type EmulatorOptions } from './index';

function fail(message: string): never {
	console.error(`propexo-emulator: ${message}`);
	process.exit(2);
}

function intFromEnv(name: string, fallback: number): number {
	const raw = process.env[name];
	if (raw === undefined || raw === '') return fallback;
	if (!/^\d+$/.test(raw)) fail(`${name} must be a non-negative integer, got '${raw}'`);
	return Number(raw);
}

function rateLimitFromEnv(): EmulatorOptions['rateLimit'] {
	const raw = process.env.PROPEXO_EMULATOR_RATE_LIMIT;
	if (raw === undefined || raw === '') return undefined;
	if (/^(off|false|0)$/i.test(raw)) return false;
	const m = /^(\d+)\/(\d+)$/.exec(raw);
	if (!m) fail(`PROPEXO_EMULATOR_RATE_LIMIT must look like 150/60000 or off, got '${raw}'`);
	return { limit: Number(m[1]), windowMs: Number(m[2]) };
}

function latencyFromEnv(): EmulatorOptions['latencyMs'] {
	const raw = process.env.PROPEXO_EMULATOR_LATENCY_MS;
	if (raw === undefined || raw === '') return undefined;
	const m = /^(\d+)(?:-(\d+))?$/.exec(raw);
	if (!m) fail(`PROPEXO_EMULATOR_LATENCY_MS must look like 20 or 20-50, got '${raw}'`);
	return m[2] === undefined ? Number(m[1]) : [Number(m[1]), Number(m[2])];
}

async function main(): Promise<void> {
	const emulator = await startEmulator({
		port: intFromEnv('PROPEXO_EMULATOR_PORT', 4010),
		token: process.env.PROPEXO_EMULATOR_TOKEN || undefined,
		rateLimit: rateLimitFromEnv(),
		latencyMs: latencyFromEnv(),
		writeStatusDelayMs: intFromEnv('PROPEXO_EMULATOR_WRITE_DELAY_MS', 1000),
		seed: { extraIntegrations: intFromEnv('PROPEXO_EMULATOR_EXTRA_INTEGRATIONS', 0) },
		maxBatchSize: intFromEnv('PROPEXO_EMULATOR_MAX_BATCH_SIZE', 500),
		onRequest: (r) => {
			const ms = Date.now() - r.at;
			const query = new URLSearchParams(r.query).toString();
			const status = r.status === 0 ? 'DROPPED' : String(r.status);
			console.log(
				`${new Date().toISOString()} ${r.method} ${r.path}${query ? `?${query}` : ''} ${status} ${ms}ms`,
			);
		},
	});
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	console.log(
		[
			'',
			'Propexo emulator running',
			`  URL:    ${emulator.url}`,
			`  Token:  ${emulator.token}   (header: Authorization: Bearer ${emulator.token})`,
			`  Primary integration (Oakwood Residential – ResMan): ${SEED.primaryIntegrationId}`,
			`  Resident Maria Gonzalez:                           ${SEED.primaryResidentId}`,
			`  Failing resident (writes end in FAILURE):           ${failing}`,
			`  Resident with open charges:                        ${SEED.openBalanceResidentId}`,
			`  Control: GET ${emulator.url}/__emulator/requests | /ledger | /charge-ledger | /seed, POST /__emulator/reset`,
			'  Ctrl+C to stop.',
			'',
		].join('\n'),
	);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal} received, stopping emulator...`);
		emulator.close().then(
			() => process.exit(0),
			(error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));
