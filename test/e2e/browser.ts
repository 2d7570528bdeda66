/**
 * Debian's Chromium driven by playwright-core, for the editor tests: one browser profile per test
 * file, signed in as the owner that the global setup created.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, selectors, type BrowserContext, type Page } from 'playwright-core';

import type { E2eState } from './state';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
];

export interface Browser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

/** A headless Chromium with a fresh profile, its pages finding elements by `data-test-id`. */
export async function openChromium(profilePrefix: string): Promise<Browser> {
	if (!existsSync(CHROMIUM)) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y chromium chromium-driver)`,
		);
	}
	selectors.setTestIdAttribute('data-test-id');
	const userDataDir = mkdtempSync(path.join(os.tmpdir(), profilePrefix));
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1600, height: 1350 },
	});
	const page = context.pages()[0] ?? (await context.newPage());
	page.setDefaultTimeout(30_000);
	return {
		context,
		page,
		async close() {
			await context.close();
			rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/** Signs in with the owner login on n8n's sign-in page. */
export async function signIn(page: Page, state: E2eState): Promise<void> {
	await page.goto(`${state.n8nUrl}/signin`);
	await page.getByTestId('emailOrLdapLoginId').locator('input').fill(state.owner.email);
	await page.getByTestId('password').locator('input').fill(state.owner.password);
	await page.getByTestId('form-submit-button').click();
	await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}
