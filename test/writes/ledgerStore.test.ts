import { randomUUID } from 'node:crypto';

import type { IDataObject } from 'n8n-workflow';

import type { LedgerEntry } from '../../nodes/shared/writes/ledger/store';
import {
	LEDGER_BUDGET_BYTES,
	ledgerKey,
	loadLedger,
	saveLedger,
} from '../../nodes/shared/writes/ledger/store';

const DAY_MS = 86_400_000;

/** `count` payments like a portal's: 2,000 residents, a batch a day, job IDs from Propexo. */
function remembered(count: number): Map<string, LedgerEntry> {
	const integrationId = randomUUID();
	const residents = Array.from({ length: 2000 }, () => randomUUID());
	const entries = new Map<string, LedgerEntry>();
	const start = Date.now() - 40 * DAY_MS;
	for (let n = 0; n < count; n++) {
		const at = start + Math.floor((n / count) * 40 * DAY_MS);
		const batch = `portal-${new Date(at).toISOString().slice(0, 10)}`;
		entries.set(ledgerKey(integrationId, batch, `PMT-2026-${String(n).padStart(6, '0')}`), {
			amountInCents: 50_000 + (n % 150_000),
			residentId: residents[n % residents.length],
			jobId: `job-${randomUUID()}`,
			at,
			unknown: n % 1000 === 0,
		});
	}
	return entries;
}

function sizeOf(staticData: IDataObject): number {
	return Buffer.byteLength(JSON.stringify(staticData));
}

describe('the ledger in workflow static data', () => {
	it('keeps 10,000 remembered payments under about 1 MB, all of them', () => {
		const entries = remembered(10_000);
		const staticData: IDataObject = {};
		const dropped = saveLedger(staticData, entries);
		const bytes = sizeOf(staticData);
		process.stdout.write(`ledger of 10,000 payments: ${bytes} bytes, ${dropped} dropped\n`);

		expect(dropped).toBe(0);
		expect(bytes).toBeLessThanOrEqual(LEDGER_BUDGET_BYTES);
		const loaded = loadLedger(staticData, 45 * DAY_MS).entries;
		expect(loaded.size).toBe(10_000);
		for (const [key, entry] of [...entries].slice(0, 50)) {
			expect(loaded.get(key)).toEqual({ ...entry, at: Math.floor(entry.at / 1000) * 1000 });
		}
	});

	it('drops the oldest first to stay under the budget at 50,000', () => {
		const entries = remembered(50_000);
		const staticData: IDataObject = {};
		const dropped = saveLedger(staticData, entries);
		const bytes = sizeOf(staticData);
		process.stdout.write(`ledger of 50,000 payments: ${bytes} bytes, ${dropped} dropped\n`);

		expect(bytes).toBeLessThanOrEqual(LEDGER_BUDGET_BYTES);
		expect(dropped).toBeGreaterThan(0);
		const loaded = loadLedger(staticData, 45 * DAY_MS).entries;
		expect(loaded.size).toBe(50_000 - dropped);
		const newest = [...entries].sort(([, a], [, b]) => b.at - a.at);
		expect(loaded.has(newest[0][0])).toBe(true);
		expect(loaded.has(newest[loaded.size - 1][0])).toBe(true);
		expect(loaded.has(newest[newest.length - 1][0])).toBe(false);
	});

	it('forgets entries older than the days to keep when it loads', () => {
		const entries = remembered(100);
		const staticData: IDataObject = {};
		saveLedger(staticData, entries);
		const { entries: recent, expired } = loadLedger(staticData, 20 * DAY_MS);
		expect(recent.size + expired.length).toBe(100);
		expect(expired.length).toBeGreaterThan(40);
		for (const entry of recent.values()) {
			expect(entry.at).toBeGreaterThanOrEqual(Date.now() - 20 * DAY_MS - 1000);
		}
	});
});
