import type { Emulator, EmulatorOptions } from '../emulator';
import { startEmulator } from '../emulator';

/**
 * One emulator for a test file, or for a describe block when called in one: started before its
 * tests, reset before each, closed after. The returned object stands for it once it has started,
 * so `options.onRequest` may use it too.
 */
export function useEmulator(options: EmulatorOptions): Emulator {
	let emulator: Emulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator(options);
	});
	afterAll(async () => await emulator?.close());
	beforeEach(() => emulator?.reset());
	return new Proxy({} as Emulator, {
		get(_, key) {
			if (!emulator) throw new Error('The emulator is used before it started (in beforeAll)');
			const value = Reflect.get(emulator, key) as unknown;
			return typeof value === 'function' ? value.bind(emulator) : value;
		},
	});
}

/** An emulator of its own for one test: started, given to `use`, closed even when `use` throws. */
export async function withEmulator<T>(
	options: EmulatorOptions,
	use: (emulator: Emulator) => Promise<T>,
): Promise<T> {
	const emulator = await startEmulator(options);
	try {
		return await use(emulator);
	} finally {
		await emulator.close();
	}
}
