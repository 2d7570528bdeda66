/** Stops what global-setup.ts started. */
import type { Emulator } from '../emulator';
import type { N8nServer } from '../../scripts/n8n-local';

export default async function globalTeardown(): Promise<void> {
	const globals = globalThis as Record<string, unknown>;
	const server = globals.__propexoN8n as N8nServer | undefined;
	const emulator = globals.__propexoEmulator as Emulator | undefined;
	const started = Date.now();
	await server?.stop();
	await emulator?.close();
	process.stdout.write(
		`[e2e] n8n and the emulator stopped in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
	);
}
