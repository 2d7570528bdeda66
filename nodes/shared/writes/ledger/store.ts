import type { IDataObject } from 'n8n-workflow';

/** What the ledger remembers of one write. */
export interface LedgerEntry {
	amountInCents: number;
	residentId: string;
	jobId: string;
	/** When it was posted, ms since the epoch. */
	at: number;
	/** The write went out but no clear answer came back: it may have been recorded. */
	unknown: boolean;
	/** ResMan's verdict was seen: SUCCESS. Its write status is not read again. */
	confirmed?: boolean;
}

/** integration, batch and reference number: what ResMan treats as one record. */
export function ledgerKey(integrationId: string, batchId: string, reference: string): string {
	return JSON.stringify([integrationId, batchId, reference]);
}

function splitKey(key: string): [string, string, string] {
	return JSON.parse(key) as [string, string, string];
}

// About 1 MB of workflow static data: n8n stores it with the workflow and loads it every run.
export const LEDGER_BUDGET_BYTES = 1_000_000;

const FIELD = 'postedLedger';
type Row = [
	amount: number,
	resident: number,
	jobId: string,
	atSeconds: number,
	unknown: 0 | 1,
	confirmed?: 1,
];
interface Stored {
	v: 1;
	/** Resident IDs per integration, stored once and referred to by position. */
	residents: Record<string, string[]>;
	posted: Record<string, Record<string, Record<string, Row>>>;
}

/** Reads the ledger from the node's static data, dropping entries older than `keepMs`. */
export function loadLedger(
	staticData: IDataObject,
	keepMs: number,
): { entries: Map<string, LedgerEntry>; expired: Array<{ key: string; entry: LedgerEntry }> } {
	const entries = new Map<string, LedgerEntry>();
	const expired: Array<{ key: string; entry: LedgerEntry }> = [];
	const stored = staticData[FIELD] as Stored | undefined;
	if (!stored || stored.v !== 1) return { entries, expired };
	const oldest = Date.now() - keepMs;
	for (const [integrationId, batches] of Object.entries(stored.posted ?? {})) {
		const residents = stored.residents?.[integrationId] ?? [];
		for (const [batchId, references] of Object.entries(batches)) {
			for (const [reference, row] of Object.entries(references)) {
				const [amount, resident, jobId, atSeconds, unknown, confirmed] = row;
				const entry = {
					amountInCents: amount,
					residentId: residents[resident] ?? '',
					jobId,
					at: atSeconds * 1000,
					unknown: unknown === 1,
					...(confirmed === 1 ? { confirmed: true } : {}),
				};
				const key = ledgerKey(integrationId, batchId, reference);
				if (entry.at < oldest) expired.push({ key, entry });
				else entries.set(key, entry);
			}
		}
	}
	return { entries, expired };
}

/**
 * Writes the ledger back, newest kept first: when it would pass the budget, the oldest entries
 * are dropped. Returns how many entries were dropped.
 */
export function saveLedger(staticData: IDataObject, entries: Map<string, LedgerEntry>): number {
	const newestFirst = [...entries].sort(([, a], [, b]) => b.at - a.at);
	const stored: Stored = { v: 1, residents: {}, posted: {} };
	const residentIndex = new Map<string, number>();
	let bytes = 40;
	let kept = 0;
	for (const [key, entry] of newestFirst) {
		const [integrationId, batchId, reference] = splitKey(key);
		const residentKey = `${integrationId}\n${entry.residentId}`;
		const residents = stored.residents[integrationId] ?? [];
		const resident = residentIndex.get(residentKey) ?? residents.length;
		const row: Row = [
			entry.amountInCents,
			resident,
			entry.jobId,
			Math.floor(entry.at / 1000),
			entry.unknown ? 1 : 0,
		];
		if (entry.confirmed) row.push(1);
		const batches = stored.posted[integrationId];
		const references = batches?.[batchId];
		// The JSON this entry adds: its row, and any resident, batch or integration it is first of.
		let size = JSON.stringify(reference).length + JSON.stringify(row).length + 2;
		if (!residentIndex.has(residentKey)) size += JSON.stringify(entry.residentId).length + 1;
		if (!references) size += JSON.stringify(batchId).length + 4;
		if (!batches) size += 2 * JSON.stringify(integrationId).length + 10;
		if (bytes + size > LEDGER_BUDGET_BYTES) break;
		if (!residentIndex.has(residentKey)) {
			residents.push(entry.residentId);
			stored.residents[integrationId] = residents;
			residentIndex.set(residentKey, resident);
		}
		const into = (stored.posted[integrationId] ??= {});
		(into[batchId] ??= {})[reference] = row;
		bytes += size;
		kept++;
	}
	staticData[FIELD] = stored as unknown as IDataObject;
	return newestFirst.length - kept;
}
