/**
 * Starts the Propexo emulator once for the durable e2e tests; each test file starts its own n8n
 * (single process or queue mode), since they crash, time out and restart it.
 */
import { startEmulator } from '../emulator';
import { installAll } from '../../scripts/n8n-install';
import { assertBuilt } from '../../scripts/n8n-local';
import { STATE_ENV, type DurableState } from './harness';

export default async function globalSetup(): Promise<void> {
	installAll();
	assertBuilt();
	const emulator = await startEmulator({ rateLimit: false, writeStatusDelayMs: 200 });
	(globalThis as Record<string, unknown>).__propexoDurableEmulator = emulator;
	process.stdout.write(`\n[durable] Propexo emulator on ${emulator.url}\n`);
	const state: DurableState = { emulatorUrl: emulator.url, emulatorToken: emulator.token };
	process.env[STATE_ENV] = JSON.stringify(state);
}
