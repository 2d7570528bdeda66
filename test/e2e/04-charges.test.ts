/**
 * The Propexo ResMan Charge node in a real n8n: a Manual Trigger → Code → Charge (Create in Batch,
 * Batch Size 4) workflow run with `n8n execute` posts 6 charges of one property in 2 batch
 * requests, each charge once; and in the editor (Chromium), the Charge Code picker ("From List")
 * lists the property's codes as "Name — code".
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Page } from 'playwright-core';

import { login } from '../../scripts/n8n-local';
import { SEED } from '../emulator';
import { openChromium, signIn, type Browser } from './browser';
import { executeWithCli, N8nRest, nodeRun } from './n8n-api';
import { readState, type E2eState } from './state';

const state = readState();
const CHARGE_NODE = 'ResMan Charge';
const CODE_NODE = 'Six Charges';
const BATCH_PATH = '/v1/resident-charges/batch/resman/';

interface Created {
	id: string;
	versionId: string;
}

interface Seed {
	primaryIntegrationId: string;
	primaryResidentId: string;
}

interface ChargeCode {
	id: string;
	name?: string;
	x_id?: string;
	custom_data?: { code?: string };
}

interface ChargeLedgerEntry {
	jobId: string;
	charge: Record<string, unknown>;
	batchIndex?: number;
}

interface RecordedRequest {
	method: string;
	path: string;
	status: number;
	body: unknown;
}

async function emulatorApi<T>(s: E2eState, apiPath: string): Promise<T> {
	const response = await fetch(`${s.emulatorUrl}${apiPath}`, {
		headers: { authorization: `Bearer ${s.emulatorToken}` },
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`GET ${apiPath}: ${response.status} ${text}`);
	return JSON.parse(text) as T;
}

async function control<T>(name: string): Promise<T> {
	const response = await fetch(`${state.emulatorUrl}/__emulator/${name}`);
	if (!response.ok) throw new Error(`GET /__emulator/${name}: ${response.status}`);
	return (await response.json()) as T;
}

interface Fixture {
	integrationId: string;
	propertyId: string;
	residentId: string;
	codes: ChargeCode[];
}

async function fixture(): Promise<Fixture> {
	const seed = await control<Seed>('seed');
	// The emulator's seed is deterministic: the resident's property, as the test harness knows it.
	const resident = SEED.residents.find((r) => r.id === seed.primaryResidentId);
	if (!resident) throw new Error(`resident ${seed.primaryResidentId} is not in the seed`);
	const propertyId = resident.property_id;
	const codes = await emulatorApi<{ results: ChargeCode[] }>(
		state,
		`/v1/charge-codes/?integration_id=${seed.primaryIntegrationId}&property_id=${propertyId}`,
	);
	return {
		integrationId: seed.primaryIntegrationId,
		propertyId,
		residentId: seed.primaryResidentId,
		codes: codes.results,
	};
}

function chargeNode(f: Fixture, parameters: Record<string, unknown>) {
	return {
		id: randomUUID(),
		name: CHARGE_NODE,
		type: 'n8n-nodes-propexo.propexoResmanCharge',
		typeVersion: 1,
		position: [500, 0],
		credentials: { propexoApi: state.credentials.good },
		parameters: {
			resource: 'charge',
			operation: 'createBatch',
			integrationId: { __rl: true, mode: 'id', value: f.integrationId },
			propertyId: { __rl: true, mode: 'id', value: f.propertyId },
			...parameters,
		},
	};
}

function manualTrigger() {
	return {
		id: randomUUID(),
		name: 'Manual Trigger',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

function batchWorkflow(f: Fixture, run: string) {
	const charges = [0, 1, 2, 3, 4, 5].map((i) => ({
		resident_id: f.residentId,
		charge_code_id: f.codes[i % f.codes.length].id,
		amount_in_cents: 10000 + i,
		reference_number: `${run}-${i}`,
	}));
	return {
		name: 'E2E: six charges → ResMan Charge, Create in Batch of 4',
		nodes: [
			manualTrigger(),
			{
				id: randomUUID(),
				name: CODE_NODE,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [250, 0],
				parameters: {
					jsCode: `return ${JSON.stringify(charges)}.map((json) => ({ json }));`,
				},
			},
			chargeNode(f, {
				residentId: { __rl: true, mode: 'id', value: '={{ $json.resident_id }}' },
				chargeCodeId: { __rl: true, mode: 'id', value: '={{ $json.charge_code_id }}' },
				amountInCents: '={{ $json.amount_in_cents }}',
				transactionDate: '2026-12-01T00:00:00Z',
				referenceNumber: '={{ $json.reference_number }}',
				batchId: 'e2e-rent-2026-12',
				description: 'December rent',
				notes: 'Posted by the e2e charge workflow',
				batchSize: 4,
			}),
		],
		connections: {
			'Manual Trigger': { main: [[{ node: CODE_NODE, type: 'main', index: 0 }]] },
			[CODE_NODE]: { main: [[{ node: CHARGE_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

function pickerWorkflow(f: Fixture) {
	return {
		name: 'E2E: ResMan Charge, charge-code picker',
		nodes: [manualTrigger(), chargeNode(f, { operation: 'create' })],
		connections: {
			'Manual Trigger': { main: [[{ node: CHARGE_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** "Rent — RENT": how the picker names a charge code (as the node's searchChargeCodes does). */
function listed(code: ChargeCode): string {
	const short = code.custom_data?.code || code.x_id;
	return [code.name ?? code.id, short].filter(Boolean).join(' — ');
}

describe(`n8n ${state.n8nVersion}: the Propexo ResMan Charge node`, () => {
	let rest: N8nRest;
	let f: Fixture;

	beforeAll(async () => {
		rest = await N8nRest.login(state);
		f = await fixture();
		expect(f.codes.length).toBeGreaterThan(0);
	});

	test('n8n knows the node type', async () => {
		const cookie = await login(state.n8nUrl, state.owner.email, state.owner.password);
		const response = await fetch(`${state.n8nUrl}/types/nodes.json`, { headers: { cookie } });
		expect(response.status).toBe(200);
		const types = (await response.json()) as Array<{ name: string }>;
		expect(types.map((t) => t.name)).toContain('n8n-nodes-propexo.propexoResmanCharge');
	});

	test('Create in Batch (Batch Size 4) posts 6 charges of one property once each, in 2 requests', async () => {
		const run = `E2E-CHARGE-${Date.now()}`;
		const created = await rest.request<Created>('POST', '/rest/workflows', batchWorkflow(f, run));
		const requestsBefore = (await control<RecordedRequest[]>('requests')).length;

		const execution = await executeWithCli(state, created.id);
		if (execution.code !== 0) throw new Error(`n8n execute failed:\n${execution.output}`);
		const task = nodeRun(execution, CHARGE_NODE);
		expect(task.error).toBeUndefined();

		const recorded = (await control<ChargeLedgerEntry[]>('charge-ledger')).filter((entry) =>
			String(entry.charge.reference_number).startsWith(`${run}-`),
		);
		const references = recorded.map((entry) => String(entry.charge.reference_number)).sort();
		expect(references).toEqual([0, 1, 2, 3, 4, 5].map((i) => `${run}-${i}`));
		const jobIds = [...new Set(recorded.map((entry) => entry.jobId))];
		expect(jobIds).toHaveLength(2);
		for (const entry of recorded) expect(entry.batchIndex).toEqual(expect.any(Number));

		const batchRequests = (await control<RecordedRequest[]>('requests'))
			.slice(requestsBefore)
			.filter((request) => request.method === 'POST' && request.path === BATCH_PATH);
		expect(batchRequests).toHaveLength(2);
		expect(batchRequests.map((request) => request.status)).toEqual([200, 200]);
		const sizes = batchRequests.map(
			(request) => ((request.body as { charges?: unknown[] }).charges ?? []).length,
		);
		expect(sizes).toEqual([4, 2]);

		// Every output item carries its batch's job ID and is paired with its input item.
		const items = task.data?.main?.[0] ?? [];
		expect(items).toHaveLength(6);
		const jobOf = new Map(
			recorded.map((entry) => [String(entry.charge.reference_number), entry.jobId]),
		);
		items.forEach((item, index) => {
			const reference = `${run}-${index}`;
			expect(item.json.job_id).toBe(jobOf.get(reference));
			expect(JSON.stringify(item.json)).toContain(reference);
			expect(item.pairedItem).toMatchObject({ item: index });
		});
		expect(items.slice(0, 4).every((item) => item.json.job_id === items[0].json.job_id)).toBe(true);
		expect(items[4].json.job_id).not.toBe(items[0].json.job_id);
	});

	describe('in the editor (Chromium)', () => {
		let browser: Browser;
		let page: Page;
		let workflowId: string;

		beforeAll(async () => {
			workflowId = (await rest.request<Created>('POST', '/rest/workflows', pickerWorkflow(f))).id;
			browser = await openChromium('propexo-e2e-charge-');
			({ page } = browser);
		});

		afterAll(async () => {
			await browser?.close();
		});

		test('the Charge Code picker ("From List") lists the property\'s codes as "Name — code"', async () => {
			await signIn(page, state);

			await page.goto(`${state.n8nUrl}/workflow/${workflowId}`);
			const node = page.getByTestId('canvas-node').filter({ hasText: CHARGE_NODE });
			await node.waitFor();
			await node.dblclick();
			await page.getByTestId('ndv').waitFor();

			const locator = page.getByTestId('resource-locator-chargeCodeId');
			await locator.scrollIntoViewIfNeeded();
			await expect(
				locator.getByTestId('rlc-mode-selector').locator('input').inputValue(),
			).resolves.toMatch(/from list/i);
			await locator.getByTestId('rlc-input').click();

			const expected = f.codes.map(listed);
			const items = page.getByTestId('rlc-item');
			const error = page.getByTestId('rlc-error-container');
			let names: string[] = [];
			const deadline = Date.now() + 20_000;
			while (Date.now() < deadline) {
				names = (await items.allInnerTexts()).map((text) => text.trim());
				if (expected.every((name) => names.includes(name))) break;
				if (await error.isVisible()) break;
				await page.waitForTimeout(250);
			}
			await page.screenshot({ path: path.join(state.screenshotDir, 'charge-code-picker.png') });
			if (await error.isVisible()) {
				throw new Error(`the charge-code picker shows an error: ${await error.innerText()}`);
			}
			for (const name of expected) expect(names).toContain(name);
			expect(names).toContain('Rent — RENT');
		});
	});
});
