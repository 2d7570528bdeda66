/**
 * Starts, once for all e2e tests: the Propexo emulator and a real n8n (installed in .n8n-local/
 * by scripts/n8n-install.ts) with the built package linked as a community package. The credentials
 * and workflows are imported with n8n's own CLI (`n8n import:credentials` / `import:workflow`) into
 * a fresh user folder, then `n8n start` runs and an owner is set up through the REST API.
 */
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SEED, startEmulator } from '../emulator';
import {
	formWorkflow,
	paymentWorkflow,
	primaryIntegration,
	propexoCredential,
	samplePayments,
	type SamplePayment,
} from '../../scripts/n8n-fixtures';
import { installAll } from '../../scripts/n8n-install';
import {
	LOCAL_DIR,
	N8N_VERSION,
	ROOT,
	assertBuilt,
	linkPackage,
	runN8n,
	setupOwner,
	startN8n,
} from '../../scripts/n8n-local';
import { STATE_ENV, type E2eState } from './state';

const N8N_PORT = Number(process.env.E2E_N8N_PORT ?? 5688);
const CLI_PORT = N8N_PORT + 2;

function log(message: string) {
	process.stdout.write(`[e2e] ${message}\n`);
}

/** Payments with a bad amount in the middle: the documented validation error, nothing sent. */
export function badItemPayments(prefix: string): SamplePayment[] {
	const [first, second] = samplePayments();
	return [
		{ ...first, amountInCents: 10000, referenceNumber: `${prefix}-1` },
		{ ...second, amountInCents: 12.5, referenceNumber: `${prefix}-2` },
		{ ...first, amountInCents: 20000, referenceNumber: `${prefix}-3` },
	];
}

/** A good payment and one for the emulator's "Failing Resident", whose write job ends in FAILURE. */
export function confirmPayments(prefix: string): SamplePayment[] {
	const [first] = samplePayments();
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	return [
		{ ...first, referenceNumber: `${prefix}-1` },
		{
			...first,
			residentId: failing,
			residentName: 'Failing Resident',
			referenceNumber: `${prefix}-2`,
		},
	];
}

export default async function globalSetup(): Promise<void> {
	const started = Date.now();
	installAll();
	assertBuilt();

	const emulator = await startEmulator({ rateLimit: false, writeStatusDelayMs: 200 });
	(globalThis as Record<string, unknown>).__propexoEmulator = emulator;
	log(`Propexo emulator on ${emulator.url}`);

	const userFolder = path.join(LOCAL_DIR, 'e2e');
	rmSync(userFolder, { recursive: true, force: true });
	mkdirSync(userFolder, { recursive: true });
	linkPackage(userFolder);

	const integration = primaryIntegration();
	const good = { id: 'propexoE2eGood01', name: 'Propexo Emulator (e2e)' };
	const badToken = { id: 'propexoE2eBadTok', name: 'Propexo Emulator (wrong token)' };
	const credentials = [
		propexoCredential({ ...good, baseUrl: emulator.url, token: emulator.token }),
		propexoCredential({ ...badToken, baseUrl: emulator.url, token: 'not-the-emulator-token' }),
	];
	const workflows = {
		example: 'propexoE2eExampl',
		badItem: 'propexoE2eBadItm',
		badItemStop: 'propexoE2eBadStp',
		confirm: 'propexoE2eConfrm',
		form: 'propexoE2eForm01',
	};
	const maria = SEED.residents.find((r) => r.id === SEED.primaryResidentId)!;
	const workflowFixtures = [
		paymentWorkflow({
			id: workflows.example,
			name: 'E2E: example workflow (3 sample payments)',
			credential: good,
			integration,
			payments: samplePayments(),
			batchPrefix: 'e2e-example',
		}),
		paymentWorkflow({
			id: workflows.badItem,
			name: 'E2E: a bad item goes to the error output',
			credential: good,
			integration,
			payments: badItemPayments('E2E-BAD'),
			batchPrefix: 'e2e-bad',
			onError: 'continueErrorOutput',
		}),
		paymentWorkflow({
			id: workflows.badItemStop,
			name: 'E2E: a bad item stops the workflow',
			credential: good,
			integration,
			// The bad item first: the run stops there, so nothing at all is posted.
			payments: badItemPayments('E2E-STOP').slice(1),
			batchPrefix: 'e2e-stop',
		}),
		paymentWorkflow({
			id: workflows.confirm,
			name: 'E2E: Wait for Confirmation, one write ends in FAILURE',
			credential: good,
			integration,
			payments: confirmPayments('E2E-CONF'),
			batchPrefix: 'e2e-confirm',
			onError: 'continueErrorOutput',
			createOptions: { waitForConfirmation: true, confirmationTimeout: 30 },
		}),
		formWorkflow({
			id: workflows.form,
			name: 'E2E: payment form filled in the editor',
			credential: good,
			integration,
			resident: { id: maria.id, name: `${maria.first_name} ${maria.last_name}` },
			payment: {
				paymentType: 'Money Order',
				amountInCents: 43210,
				transactionDate: '2026-11-20T10:00:00.000Z',
				referenceNumber: 'E2E-EDITOR-1',
				batchId: 'e2e-editor',
				description: 'Payment posted from the n8n editor',
				notes: 'posted by the e2e editor test',
			},
		}),
	];

	const importDir = path.join(userFolder, 'import');
	mkdirSync(path.join(importDir, 'workflows'), { recursive: true });
	const credentialFile = path.join(importDir, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify(credentials, null, 2));
	for (const workflow of workflowFixtures) {
		writeFileSync(
			path.join(importDir, 'workflows', `${workflow.id}.json`),
			JSON.stringify(workflow, null, 2),
		);
	}
	const cli = { userFolder, port: CLI_PORT };
	const importedCredentials = await runN8n(
		['import:credentials', `--input=${credentialFile}`],
		cli,
	);
	if (importedCredentials.code !== 0) {
		throw new Error(
			`n8n import:credentials failed:\n${importedCredentials.stdout}${importedCredentials.stderr}`,
		);
	}
	log(
		`n8n import:credentials: ${(importedCredentials.ms / 1000).toFixed(1)} s (creates the database)`,
	);
	const importedWorkflows = await runN8n(
		['import:workflow', '--separate', `--input=${path.join(importDir, 'workflows')}`],
		cli,
	);
	if (importedWorkflows.code !== 0) {
		throw new Error(
			`n8n import:workflow failed:\n${importedWorkflows.stdout}${importedWorkflows.stderr}`,
		);
	}
	log(`n8n import:workflow: ${(importedWorkflows.ms / 1000).toFixed(1)} s`);

	const logFile = path.join(ROOT, 'test-output', 'e2e-n8n.log');
	mkdirSync(path.dirname(logFile), { recursive: true });
	writeFileSync(logFile, '');
	const server = await startN8n({
		userFolder,
		port: N8N_PORT,
		onOutput: (text) => appendFileSync(logFile, text),
	});
	(globalThis as Record<string, unknown>).__propexoN8n = server;
	log(`n8n ${N8N_VERSION} ready on ${server.url} (log: ${path.relative(ROOT, logFile)})`);
	const owner = {
		email: 'e2e@propexo.local',
		firstName: 'E2E',
		lastName: 'Tester',
		password: 'Propexo-e2e-1',
	};
	await setupOwner(server.url, owner);

	const screenshotDir = path.join(ROOT, 'test-output', 'e2e-screenshots');
	rmSync(screenshotDir, { recursive: true, force: true });
	mkdirSync(screenshotDir, { recursive: true });

	const state: E2eState = {
		n8nVersion: N8N_VERSION,
		n8nUrl: server.url,
		userFolder,
		cliPort: CLI_PORT,
		emulatorUrl: emulator.url,
		emulatorToken: emulator.token,
		owner: { email: owner.email, password: owner.password },
		credentials: { good, badToken },
		workflows,
		screenshotDir,
	};
	process.env[STATE_ENV] = JSON.stringify(state);
	log(`setup done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
