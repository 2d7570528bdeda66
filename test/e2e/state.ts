/**
 * What the e2e global setup started (a real n8n with the package, and the Propexo emulator),
 * handed to the test files through an environment variable.
 */
export interface E2eState {
	n8nVersion: string;
	n8nUrl: string;
	userFolder: string;
	/** Port for n8n CLI commands run beside the server (their task broker listens on port + 1). */
	cliPort: number;
	emulatorUrl: string;
	emulatorToken: string;
	owner: { email: string; password: string };
	credentials: {
		good: { id: string; name: string };
		badToken: { id: string; name: string };
	};
	workflows: {
		example: string;
		badItem: string;
		badItemStop: string;
		confirm: string;
		form: string;
	};
	screenshotDir: string;
}

export const STATE_ENV = 'PROPEXO_E2E_STATE';

export function readState(): E2eState {
	const raw = process.env[STATE_ENV];
	if (!raw) throw new Error(`${STATE_ENV} is not set: run these tests with \`npm run test:e2e\``);
	return JSON.parse(raw) as E2eState;
}

export interface LedgerEntry {
	jobId: string;
	payment: Record<string, unknown>;
	at: number;
}

export async function ledger(state: E2eState): Promise<LedgerEntry[]> {
	const response = await fetch(`${state.emulatorUrl}/__emulator/ledger`);
	if (!response.ok) throw new Error(`GET /__emulator/ledger: ${response.status}`);
	return (await response.json()) as LedgerEntry[];
}

export async function resetEmulator(state: E2eState): Promise<void> {
	const response = await fetch(`${state.emulatorUrl}/__emulator/reset`, { method: 'POST' });
	if (!response.ok) throw new Error(`POST /__emulator/reset: ${response.status}`);
}
