/**
 * `npm run dev`: the package in a real n8n, against the local Propexo emulator.
 *
 * 1. installs n8n (and a Node 24 for it, if needed) into .n8n-local/ once,
 * 2. starts the Propexo emulator on 127.0.0.1:4010,
 * 3. links the built package into n8n's community-nodes folder, imports a Propexo credential
 *    pointing at the emulator and an example workflow,
 * 4. starts n8n on 127.0.0.1:5678 with telemetry and every other outbound call off,
 * 5. sets up an owner login and prints the editor URL. Ctrl-C stops everything.
 *
 * Environment: N8N_DEV_PORT (default 5678), PROPEXO_EMULATOR_PORT (default 4010),
 * N8N_DEV_RESET=1 to start from an empty n8n database.
 * Run `npm run build` first (the npm script does).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../test/emulator';
import { installAll } from './n8n-install';
import {
	paymentWorkflow,
	primaryIntegration,
	propexoCredential,
	samplePayments,
} from './n8n-fixtures';
import {
	LOCAL_DIR,
	N8N_VERSION,
	assertBuilt,
	linkPackage,
	login,
	runN8n,
	setupOwner,
	startN8n,
	type N8nServer,
} from './n8n-local';

export const DEV_OWNER = {
	email: 'dev@propexo.local',
	firstName: 'Propexo',
	lastName: 'Developer',
	password: 'Propexo-dev-1',
};
export const DEV_CREDENTIAL = { id: 'propexoEmulator1', name: 'Propexo Emulator (local)' };
export const DEV_WORKFLOW_ID = 'propexoExample01';

function say(message: string) {
	process.stdout.write(`[dev] ${message}\n`);
}

async function main() {
	const started = Date.now();
	const port = Number(process.env.N8N_DEV_PORT ?? 5678);
	const emulatorPort = Number(process.env.PROPEXO_EMULATOR_PORT ?? 4010);
	const token = process.env.PROPEXO_EMULATOR_TOKEN || 'emulator-token';

	installAll();
	assertBuilt();

	const userFolder = path.join(LOCAL_DIR, 'dev');
	if (process.env.N8N_DEV_RESET === '1') rmSync(userFolder, { recursive: true, force: true });
	const firstRun = !existsSync(path.join(userFolder, '.n8n', 'database.sqlite'));
	mkdirSync(userFolder, { recursive: true });
	linkPackage(userFolder);

	const emulator = await startEmulator({
		port: emulatorPort,
		token,
		onRequest: (r) =>
			say(`emulator: ${r.method} ${r.path} → ${r.status === 0 ? 'dropped' : r.status}`),
	});
	let server: N8nServer | undefined;
	let stopping = false;
	const stop = async (code: number) => {
		if (stopping) return;
		stopping = true;
		say('stopping n8n and the emulator...');
		await server?.stop().catch(() => undefined);
		await emulator.close().catch(() => undefined);
		process.exit(code);
	};
	process.on('SIGINT', () => void stop(0));
	process.on('SIGTERM', () => void stop(0));
	process.on('SIGHUP', () => void stop(0));

	try {
		// Fixtures: the credential is re-imported every start (it follows the emulator's URL); the
		// example workflow only into a new database, so edits made in the editor are kept.
		const importDir = path.join(userFolder, 'import');
		mkdirSync(importDir, { recursive: true });
		const credentialFile = path.join(importDir, 'credentials.json');
		writeFileSync(
			credentialFile,
			JSON.stringify(
				[propexoCredential({ ...DEV_CREDENTIAL, baseUrl: emulator.url, token })],
				null,
				2,
			),
		);
		say(
			`importing the Propexo credential${firstRun ? ' (first run: n8n sets up its database)' : ''}...`,
		);
		const cli = { userFolder, port };
		const imported = await runN8n(['import:credentials', `--input=${credentialFile}`], cli);
		if (imported.code !== 0)
			throw new Error(`import:credentials failed:\n${imported.stdout}${imported.stderr}`);
		if (firstRun) {
			const workflowFile = path.join(importDir, 'example-workflow.json');
			const workflow = paymentWorkflow({
				id: DEV_WORKFLOW_ID,
				name: 'Propexo example: post sample payments to ResMan',
				credential: DEV_CREDENTIAL,
				integration: primaryIntegration(),
				payments: samplePayments(),
			});
			writeFileSync(workflowFile, JSON.stringify([workflow], null, 2));
			say('importing the example workflow...');
			const result = await runN8n(['import:workflow', `--input=${workflowFile}`], cli);
			if (result.code !== 0)
				throw new Error(`import:workflow failed:\n${result.stdout}${result.stderr}`);
		}

		say(`starting n8n ${N8N_VERSION}...`);
		server = await startN8n({
			userFolder,
			port,
			onOutput: (text) => {
				for (const line of text.split('\n'))
					if (line.trim()) process.stdout.write(`[n8n] ${line}\n`);
			},
		});
		server.process.on('exit', (code) => {
			if (!stopping) {
				say(`n8n exited unexpectedly (code ${code})`);
				void stop(1);
			}
		});
		const created = await setupOwner(server.url, DEV_OWNER);
		let loginNote = '';
		try {
			await login(server.url, DEV_OWNER.email, DEV_OWNER.password);
		} catch {
			loginNote =
				'  (this login no longer works: it was changed in the editor; N8N_DEV_RESET=1 starts over)';
		}
		const banner = [
			'',
			'────────────────────────────────────────────────────────────────────────',
			` n8n ${N8N_VERSION} with n8n-nodes-propexo is running (ready in ${((Date.now() - started) / 1000).toFixed(0)} s)`,
			'',
			` Editor:            ${server.url}`,
			` Example workflow:  ${server.url}/workflow/${DEV_WORKFLOW_ID}`,
			` Login:             ${DEV_OWNER.email}  /  ${DEV_OWNER.password}${created ? '  (owner just created)' : ''}`,
			...(loginNote ? [loginNote] : []),
			` Propexo emulator:  ${emulator.url}  (token ${token}; credential "${DEV_CREDENTIAL.name}")`,
			` Payments posted:   ${emulator.url}/__emulator/ledger`,
			` n8n data:          ${path.relative(process.cwd(), userFolder)}/  (N8N_DEV_RESET=1 to start over)`,
			'',
			' Open the example workflow and click "Execute workflow". Ctrl-C stops n8n and the emulator.',
			'────────────────────────────────────────────────────────────────────────',
			'',
		];
		process.stdout.write(banner.join('\n') + '\n');
	} catch (error) {
		process.stderr.write(`[dev] ${(error as Error).message}\n`);
		await stop(1);
	}
}

if (require.main === module) void main();
