/**
 * The Resident lookup modes in n8n's editor (Chromium): the Resident field of Create offers By
 * ResMan Resident ID, By Email and By Phone beside From List and By ID, and the Resource list
 * offers Resident (Find). No screenshot here replaces a README picture.
 */
import type { Page } from 'playwright-core';

import { PAYMENT_NODE_NAME } from '../../scripts/n8n-fixtures';
import { openChromium, signIn, type Browser } from './browser';
import { readState } from './state';

const state = readState();

describe(`n8n ${state.n8nVersion} editor (Chromium): the Resident lookup modes`, () => {
	let browser: Browser;
	let page: Page;

	beforeAll(async () => {
		browser = await openChromium('propexo-e2e-resident-');
		({ page } = browser);
		await signIn(page, state);
	});

	afterAll(async () => {
		await browser?.close();
	});

	test('the Resident field offers the three lookup modes, and takes a phone By Phone', async () => {
		await page.goto(`${state.n8nUrl}/workflow/${state.workflows.form}`);
		const node = page.getByTestId('canvas-node').filter({ hasText: PAYMENT_NODE_NAME });
		await node.waitFor();
		await node.dblclick();
		await page.getByTestId('ndv').waitFor();

		const resident = page.getByTestId('resource-locator-residentId');
		await resident.scrollIntoViewIfNeeded();
		await resident.getByTestId('rlc-mode-selector').click();
		const modes = page.locator('.el-select-dropdown__item:visible');
		await modes.first().waitFor();
		const names = (await modes.allInnerTexts()).map((text) => text.trim());
		expect(names).toEqual(
			expect.arrayContaining(['By ResMan Resident ID', 'By Email', 'By Phone']),
		);
		await page.screenshot({ path: `${state.screenshotDir}/resident-modes.png` });
		await modes.filter({ hasText: /^By Phone$/ }).click();
		await expect(
			resident.getByTestId('rlc-mode-selector').locator('input').inputValue(),
		).resolves.toBe('By Phone');
		const value = resident.getByTestId('rlc-input');
		await value.fill('(555) 201-0042');
		await expect(value.inputValue()).resolves.toBe('(555) 201-0042');
	});
});
