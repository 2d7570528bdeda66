/** Stops the emulator global-setup.ts started. */
import type { Emulator } from '../emulator';

export default async function globalTeardown(): Promise<void> {
	const emulator = (globalThis as Record<string, unknown>).__propexoDurableEmulator as
		Emulator | undefined;
	await emulator?.close();
}
