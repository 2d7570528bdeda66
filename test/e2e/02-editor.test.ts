/**
 * The package in n8n's editor, in a real browser: Debian's Chromium driven by playwright-core.
 * Opens the node panel of a workflow, checks its fields, the Payment Type choices and the
 * integration picker, runs "Execute step" and checks the payment on the emulator's ledger, and
 * opens the README's example workflow. Screenshots go to test-output/e2e-screenshots/, and the
 * README's two pictures are rewritten, so that they stay current: docs/node-panel.png and
 * docs/workflow.png (PROPEXO_DOCS_SCREENSHOTS=0 leaves them alone).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { SEED } from '../emulator';
import { PAYMENT_NODE_NAME } from '../../scripts/n8n-fixtures';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../../scripts/n8n-local';
import { openChromium, signIn, type Browser } from './browser';
import { N8nRest } from './n8n-api';
import { ledger, readState, resetEmulator } from './state';

const state = readState();

const DOCS_DIR =
	process.env.PROPEXO_DOCS_SCREENSHOTS === '0' ? undefined : path.resolve(__dirname, '../../docs');
const EXAMPLE_FILE = path.resolve(__dirname, '../../examples/portal-webhook-to-resman.json');

const PAYMENT_TYPES = [
	'ACH',
	'Cash',
	'Cashiers Check',
	'Check',
	'Credit Card',
	'Debit Card',
	'eCheck',
	'Money Order',
];

/** Every parameter of the Create operation, with the label the panel shows for it. */
const CREATE_FIELDS: Array<[name: string, label: string]> = [
	['integrationId', 'Integration'],
	['residentId', 'Resident'],
	['paymentType', 'Payment Type'],
	['amountInCents', 'Amount in Cents'],
	['transactionDate', 'Transaction Date'],
	['referenceNumber', 'Reference Number'],
	['batchId', 'Batch ID'],
	['description', 'Description'],
	['notes', 'Notes'],
];

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(locator: Locator): Promise<Box> {
	const box = await locator.boundingBox();
	if (!box) throw new Error(`${String(locator)} is not visible`);
	return box;
}

describe(`n8n ${state.n8nVersion} editor (Chromium): the Propexo ResMan Payment node`, () => {
	let browser: Browser;
	let page: Page;
	const outsideRequests: string[] = [];
	let shot = 0;

	async function screenshot(name: string) {
		shot += 1;
		const file = path.join(state.screenshotDir, `${String(shot).padStart(2, '0')}-${name}.png`);
		await page.screenshot({ path: file });
		return file;
	}

	/** docs/<name>, a README picture cropped to `clip`. */
	async function docsPicture(name: string, clip: Box) {
		if (DOCS_DIR) await page.screenshot({ path: path.join(DOCS_DIR, name), clip });
	}

	beforeAll(async () => {
		browser = await openChromium('propexo-e2e-chromium-');
		({ page } = browser);
		page.on('request', (request) => {
			if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:|about:)/.test(request.url())) {
				outsideRequests.push(request.url());
			}
		});
		process.stdout.write(`[e2e] screenshots of the node panel: ${state.screenshotDir}\n`);
	});

	afterAll(async () => {
		await browser?.close();
	});

	test('signs in with the owner login', async () => {
		await signIn(page, state);
	});

	test('opens the workflow and the node panel, with every field of Create', async () => {
		await page.goto(`${state.n8nUrl}/workflow/${state.workflows.form}`);
		const node = page.getByTestId('canvas-node').filter({ hasText: PAYMENT_NODE_NAME });
		await node.waitFor();
		await screenshot('workflow-canvas');
		await node.dblclick();
		const ndv = page.getByTestId('ndv');
		await ndv.waitFor();
		await expect(page.getByTestId('node-title-container').innerText()).resolves.toContain(
			PAYMENT_NODE_NAME,
		);
		await page.getByTestId('node-credentials-select').waitFor();
		await expect(
			page.getByTestId('node-credentials-select').locator('input').inputValue(),
		).resolves.toBe(state.credentials.good.name);
		await expect(
			page.getByTestId('parameter-input-operation').locator('input').inputValue(),
		).resolves.toBe('Create');

		const parameters = page.getByTestId('node-parameters');
		for (const [name, label] of CREATE_FIELDS) {
			// (the Settings tab, hidden, has a "notes" parameter of its own)
			const input = parameters.getByTestId(`parameter-input-${name}`).filter({ visible: true });
			await input.scrollIntoViewIfNeeded();
			await expect(input.isVisible()).resolves.toBe(true);
			await expect(parameters.innerText()).resolves.toContain(label);
		}
		await expect(parameters.innerText()).resolves.toContain('Options');
		await page
			.getByTestId('ndv')
			.getByText('Options', { exact: true })
			.first()
			.scrollIntoViewIfNeeded();
		await screenshot('node-panel');
		// The parameters column, between the (empty) input and output panels.
		const input = await boxOf(page.getByTestId('ndv-input-panel'));
		const output = await boxOf(page.getByTestId('output-panel'));
		const addOption = await boxOf(
			parameters.getByTestId('collection-parameter-add').filter({ visible: true }).first(),
		);
		const left = input.x + input.width;
		await docsPicture('node-panel.png', {
			x: left,
			y: input.y,
			width: output.x - left,
			height: addOption.y + addOption.height + 16 - input.y,
		});

		// The Options collection offers "Wait for Confirmation"; adding it shows its switch.
		await parameters
			.getByTestId('collection-parameter-add')
			.filter({ visible: true })
			.first()
			.click();
		const optionItems = page.getByTestId('collection-parameter-option').filter({ visible: true });
		await optionItems.first().waitFor();
		const optionNames = (await optionItems.allInnerTexts()).map((text) => text.trim());
		expect(optionNames).toContain('Wait for Confirmation');
		await screenshot('options-collection');
		await optionItems.filter({ hasText: 'Wait for Confirmation' }).click();
		await parameters
			.getByTestId('parameter-input-waitForConfirmation')
			.filter({ visible: true })
			.waitFor();
		// The list closes with an animation; the next test reads whichever dropdown is visible.
		await optionItems.first().waitFor({ state: 'hidden' });
	});

	test('Payment Type offers its 8 choices', async () => {
		const input = page.getByTestId('node-parameters').getByTestId('parameter-input-paymentType');
		await input.scrollIntoViewIfNeeded();
		await input.click();
		const options = page.locator('.el-select-dropdown__item:visible');
		await options.first().waitFor();
		await expect(options.allInnerTexts()).resolves.toEqual(PAYMENT_TYPES);
		await screenshot('payment-type-choices');
		await options.filter({ hasText: /^Money Order$/ }).click();
		await expect(input.locator('input').inputValue()).resolves.toBe('Money Order');
	});

	test('the integration picker ("From List") lists the emulator\'s integrations', async () => {
		const locator = page.getByTestId('resource-locator-integrationId');
		await locator.scrollIntoViewIfNeeded();
		await expect(
			locator.getByTestId('rlc-mode-selector').locator('input').inputValue(),
		).resolves.toMatch(/from list/i);
		await locator.getByTestId('rlc-input').click();
		const expected = SEED.integrations
			.filter((i) => SEED.resmanIntegrationIds.includes(i.id))
			.map((i) => String(i.name));
		expect(expected.length).toBeGreaterThanOrEqual(3);
		// The list loads from the emulator through the node's listSearch method: wait for all of
		// them, or for the picker's error message.
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
		await screenshot('integration-picker');
		if (await error.isVisible()) {
			throw new Error(`the integration picker shows an error: ${await error.innerText()}`);
		}
		for (const name of expected) expect(names).toContain(name);
		await items.filter({ hasText: 'Oakwood Residential' }).first().click();
		await expect(locator.getByTestId('rlc-input').inputValue()).resolves.toContain(
			'Oakwood Residential',
		);
	});

	test('"Execute step" posts the payment to Propexo once', async () => {
		await resetEmulator(state);
		await page.getByTestId('node-execute-button').click();
		const deadline = Date.now() + 60_000;
		let entries = await ledger(state);
		while (entries.length === 0 && Date.now() < deadline) {
			await page.waitForTimeout(250);
			entries = await ledger(state);
		}
		const output = page.getByTestId('output-panel');
		await output
			.getByText('job_id')
			.first()
			.waitFor()
			.catch(() => undefined);
		await output
			.getByText(entries[0]?.jobId ?? 'no job')
			.first()
			.waitFor();
		await screenshot('executed-step-output');

		entries = await ledger(state);
		expect(entries).toHaveLength(1);
		expect(entries[0].payment).toEqual({
			integration_id: SEED.primaryIntegrationId,
			resident_id: SEED.primaryResidentId,
			payment_type: 'Money Order',
			batch_id: 'e2e-editor',
			transaction_date: '2026-11-20T10:00:00.000Z',
			description: 'Payment posted from the n8n editor',
			notes: 'posted by the e2e editor test',
			amount_in_cents: 43210,
			reference_number: 'E2E-EDITOR-1',
		});
	});

	test("the README's example workflow opens on the canvas with the Propexo node", async () => {
		const example = JSON.parse(readFileSync(EXAMPLE_FILE, 'utf8')) as {
			name: string;
			nodes: Array<{ name: string; type: string; credentials?: unknown }>;
		};
		// With the e2e credential, as a user's import would end up: no "credential missing" mark.
		const nodes = example.nodes.map((node) =>
			node.type === NODE_TYPE
				? { ...node, credentials: { [CREDENTIAL_TYPE]: state.credentials.good } }
				: node,
		);
		const rest = await N8nRest.login(state);
		const created = await rest.request<{ id: string }>('POST', '/rest/workflows', {
			...example,
			nodes,
		});
		await page.goto(`${state.n8nUrl}/workflow/${created.id}`);
		const canvasNodes = page.getByTestId('canvas-node');
		const propexo = example.nodes.find((node) => node.type === NODE_TYPE)!;
		await canvasNodes.filter({ hasText: propexo.name }).waitFor();
		await expect(canvasNodes.count()).resolves.toBe(example.nodes.length);
		await page.getByTestId('zoom-to-fit').click();
		await page.getByTestId('zoom-in-button').click();
		await page.waitForTimeout(500);
		await screenshot('example-workflow');
		const boxes = await Promise.all(
			(await canvasNodes.all()).map(async (node) => await boxOf(node)),
		);
		// Node names are drawn below the node boxes: more room at the bottom.
		const x = Math.min(...boxes.map((box) => box.x)) - 120;
		const y = Math.min(...boxes.map((box) => box.y)) - 60;
		const right = Math.max(...boxes.map((box) => box.x + box.width)) + 120;
		const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + 110;
		await docsPicture('workflow.png', { x, y, width: right - x, height: bottom - y });
	});

	test('the editor made no request outside 127.0.0.1', () => {
		expect(outsideRequests).toEqual([]);
	});
});
