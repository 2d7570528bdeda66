import type { INodeExecutionData } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { paymentPosts } from './paymentWorkflow';

/** The stop-mode account ("What happened to the N items of this run: …"), read back. */
export interface Account {
	total: number;
	posted: Array<{ reference: string; batch: string; jobId: string }>;
	postedCount: number;
	skippedCount: number;
	unknown: Array<{ item: number; reference: string }>;
	unknownCount: number;
	refused: Array<{ item: number; reference: string }>;
	refusedCount: number;
	invalidCount: number;
	invalidItems: number[];
	notSentCount: number;
	notSentItems: number[];
}

/** "0–4, 6, 8–9" → [0, 1, 2, 3, 4, 6, 8, 9] */
export function itemsOf(list: string | undefined): number[] {
	if (!list) return [];
	return list.split(', ').flatMap((part) => {
		const [start, end] = part.split('–').map(Number);
		if (end === undefined) return [start];
		return Array.from({ length: end - start + 1 }, (_, n) => start + n);
	});
}

function line(description: string, pattern: RegExp): RegExpExecArray | null {
	return new RegExp(pattern.source, 'm').exec(description);
}

/** Reads the account out of a stop-mode error description; throws when it is not there. */
export function parseAccount(description: string | undefined | null): Account {
	const text = description ?? '';
	const header = line(text, /^What happened to the (\d+) items of this run:$/);
	if (!header) throw new Error(`No account in the description:\n${text}`);

	const postedLine = line(text, /^• Posted: (\d+) payments?(?: \(reference → job ID\): (.*))?\.$/);
	if (!postedLine) throw new Error(`No "Posted" line in the account:\n${text}`);
	const posted = (postedLine[2] ? postedLine[2].split('; ') : []).map((entry) => {
		const match = /^(.*) \(batch (.*)\) → (.*)$/.exec(entry);
		if (!match) throw new Error(`Unreadable posted entry "${entry}"`);
		return { reference: match[1], batch: match[2], jobId: match[3] };
	});

	const skipped = line(text, /^• Already posted by an earlier run, skipped: (\d+): /);
	const unknownLine = line(
		text,
		/^• Outcome unknown, may have been recorded — check in ResMan before posting again: (\d+): (.*)\.$/,
	);
	const unknown = [...(unknownLine?.[2] ?? '').matchAll(/item (\d+): (\S+) \(batch [^)]*\)/g)].map(
		(match) => ({ item: Number(match[1]), reference: match[2] }),
	);
	const refusedLine = line(text, /^• Refused, nothing recorded: (\d+): (.*)$/);
	const refused = [
		...(refusedLine?.[2] ?? '').matchAll(/item (\d+): (\S+) \(batch [^)]*\) — /g),
	].map((match) => ({ item: Number(match[1]), reference: match[2] }));
	const invalid = line(text, /^• Invalid input, not sent: (\d+) \(items ([^)]*)\)\.$/);
	const notSent = line(
		text,
		/^• Not sent, nothing recorded — safe to send again: (\d+)(?: \(items ([^)]*)\))?\.$/,
	);
	if (!notSent) throw new Error(`No "Not sent" line in the account:\n${text}`);

	return {
		total: Number(header[1]),
		posted,
		postedCount: Number(postedLine[1]),
		skippedCount: Number(skipped?.[1] ?? 0),
		unknown,
		unknownCount: Number(unknownLine?.[1] ?? 0),
		refused,
		refusedCount: Number(refusedLine?.[1] ?? 0),
		invalidCount: Number(invalid?.[1] ?? 0),
		invalidItems: itemsOf(invalid?.[2]),
		notSentCount: Number(notSent[1]),
		notSentItems: itemsOf(notSent[2]),
	};
}

/** Every count of the account, summed: must equal the number of input items. */
export function accountedItems(account: Account): number {
	return (
		account.postedCount +
		account.skippedCount +
		account.unknownCount +
		account.refusedCount +
		account.invalidCount +
		account.notSentCount
	);
}

/** How many POSTs and how many ledger entries each reference number got from the emulator. */
export function countsByReference(emulator: Emulator) {
	const recorded = new Map<string, number>();
	for (const entry of emulator.ledger) {
		const reference = String(entry.payment.reference_number);
		recorded.set(reference, (recorded.get(reference) ?? 0) + 1);
	}
	const sent = new Map<string, number>();
	for (const post of paymentPosts(emulator)) {
		if (post.status === 429) continue; // refused by the rate limit: nothing happened
		const reference = String((post.body as Record<string, unknown>).reference_number);
		sent.set(reference, (sent.get(reference) ?? 0) + 1);
	}
	return { recorded, sent };
}

/** The input index each output item points back to (its pairedItem). */
export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => {
		const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
		if (typeof paired === 'number') return paired;
		if (!paired) throw new Error(`Output item without pairedItem: ${JSON.stringify(item.json)}`);
		return paired.item;
	});
}

/** What an error item says (`json.error`): its message, details and facts. */
export interface ItemFailure {
	message: string;
	details: string;
	outcome?: string;
	reference_number?: string;
	batch_id?: string;
	job_id?: string;
}

/** The error of an error item, or an empty one for an item without. */
export function failureOf(
	item: { json: Record<string, unknown> } | undefined,
): Partial<ItemFailure> {
	return (item?.json.error ?? {}) as Partial<ItemFailure>;
}
