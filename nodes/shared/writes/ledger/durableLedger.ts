import { sleep } from 'n8n-workflow';
import type { RecordIdentity } from '../spec';
import type { ProcessedStore } from './processedStore';
import { LOST_WRITE_WINDOW_MS } from './processedStore';

/**
 * The ledger in n8n's processed-data store. The store only answers "was this value recorded
 * before?" and records it in the same call, so a record's state is a set of marks:
 * - claimed: someone sent it or is about to send it (written, with `unsettled`, before it leaves);
 * - unsettled: no outcome yet; taken away once Propexo accepted it;
 * - unknown: the send ended without a clear answer;
 * - identity: the amount and resident it was claimed with;
 * - claimed-at: the 15 seconds it was claimed in, while it is in flight.
 * Claimed without unsettled is posted. Claimed and unsettled without unknown is in flight, or
 * was when its process died: the claimed-at mark tells which.
 */
export type DurableState =
	| 'claimed'
	| 'posted'
	| 'unknown'
	| 'inFlight'
	| 'conflict'
	/** The claim was undone by another process's write: claim again. */
	| 'retry';

export interface Claim {
	state: DurableState;
	/** What this call wrote that was not there before: taken back if the record is not sent. */
	added: string[];
}

const SLOT_MS = 15_000;

/** A claim older than this without an outcome belongs to a process that stopped. */
export const IN_FLIGHT_SLOTS = 5;

export interface Marks {
	claimed: string;
	unsettled: string;
	unknown: string;
	identity: string;
	claimedAt(slot: number): string;
	repost(failedJobId: string): string;
}

export function marksOf(model: string, identity: RecordIdentity): Marks {
	const base = JSON.stringify([
		model,
		identity.integrationId,
		identity.batchId,
		identity.referenceNumber,
	]);
	return {
		claimed: `propexo:claimed:${base}`,
		unsettled: `propexo:unsettled:${base}`,
		unknown: `propexo:unknown:${base}`,
		identity: `propexo:identity:${base}:${identity.amountInCents}:${identity.residentId}`,
		claimedAt: (slot) => `propexo:claimed-at:${base}:${slot}`,
		repost: (failedJobId) => `propexo:repost:${base}:${failedJobId}`,
	};
}

export function currentSlot(): number {
	return Math.floor(Date.now() / SLOT_MS);
}

/**
 * Claims records before they are sent: one store call records every claim, so of two processes
 * only the first sends. For a record claimed before, says what became of it, and takes back the
 * marks the call wrote that are not true of it.
 */
export async function claimAll(store: ProcessedStore, all: Marks[]): Promise<Claim[]> {
	const slot = currentSlot();
	const claimMarks = (marks: Marks) => [
		marks.claimed,
		marks.unsettled,
		marks.identity,
		marks.claimedAt(slot),
	];
	const token = newToken();
	const fresh = await store.record([token, ...all.flatMap(claimMarks)]);
	if (!(await stuck(store, token))) return all.map(() => ({ state: 'retry', added: [] }));
	const untrue: string[] = [token];
	const claims: Claim[] = [];
	const open = new Map<number, Marks>();
	all.forEach((marks, index) => {
		const wrote = claimMarks(marks).filter((mark) => fresh.has(mark));
		if (fresh.has(marks.claimed)) {
			claims[index] = { state: 'claimed', added: wrote };
			return;
		}
		// Claimed before: nothing this call wrote is true of it.
		untrue.push(...wrote);
		if (fresh.has(marks.identity)) claims[index] = { state: 'conflict', added: [] };
		else if (fresh.has(marks.unsettled)) claims[index] = { state: 'posted', added: [] };
		else open.set(index, marks);
	});
	const claimedNow = (marks: Marks) => !fresh.has(marks.claimedAt(slot));
	for (const [index, state] of await settleOpen(store, open, slot, claimedNow)) {
		claims[index] = { state, added: [] };
	}
	store.later('remove', untrue);
	return claims;
}

function newToken(): string {
	return `propexo:token:${Date.now()}:${Math.random().toString(36).slice(2)}`;
}

/**
 * Claims a record posted before whose write job ResMan failed, to post it again: only one
 * process does it for one failed job. Its marks read as in flight until the new outcome is known.
 */
export async function claimRepost(
	store: ProcessedStore,
	marks: Marks,
	failedJobId: string,
): Promise<Claim> {
	const token = newToken();
	const repost = marks.repost(failedJobId);
	const wanted = [repost, marks.unsettled, marks.claimedAt(currentSlot())];
	const fresh = await store.record([token, ...wanted]);
	if (!(await stuck(store, token))) return { state: 'retry', added: [] };
	const wrote = wanted.filter((mark) => fresh.has(mark));
	if (fresh.has(repost)) {
		store.later('remove', [token]);
		return { state: 'claimed', added: wrote };
	}
	store.later('remove', [token, ...wrote]);
	// Another process posted it again already (nothing was unsettled), or is posting it now.
	return { state: fresh.has(marks.unsettled) ? 'posted' : 'inFlight', added: [] };
}

/**
 * Claimed, with no outcome: unknown if said so, or if nobody claimed it for a while (its process
 * stopped: it is marked unknown now, so later runs know at once); otherwise in flight.
 */
async function settleOpen(
	store: ProcessedStore,
	open: Map<number, Marks>,
	slot: number,
	claimedNow: (marks: Marks) => boolean,
): Promise<Map<number, DurableState>> {
	const states = new Map<number, DurableState>();
	if (open.size === 0) return states;
	const earlierSlots = (marks: Marks) =>
		Array.from({ length: IN_FLIGHT_SLOTS }, (_, back) => marks.claimedAt(slot - back - 1));
	const fresh = await store.record(
		[...open.values()].flatMap((marks) => [marks.unknown, ...earlierSlots(marks)]),
	);
	const untrue: string[] = [];
	for (const [index, marks] of open) {
		const earlier = earlierSlots(marks);
		untrue.push(...earlier.filter((mark) => fresh.has(mark)));
		const recent = claimedNow(marks) || earlier.some((mark) => !fresh.has(mark));
		if (fresh.has(marks.unknown) && recent) {
			untrue.push(marks.unknown);
			states.set(index, 'inFlight');
		} else {
			states.set(index, 'unknown');
		}
	}
	store.later('remove', untrue);
	return states;
}

/**
 * n8n's store reads its row and writes it back whole, so a write of another process that read
 * the row before this one's write undoes it. A mark nobody else writes tells whether the write
 * stuck, looked at once any such write must have landed.
 */
async function stuck(store: ProcessedStore, token: string): Promise<boolean> {
	await sleep(LOST_WRITE_WINDOW_MS);
	if (!(await store.record([token])).has(token)) return true;
	store.later('remove', [token]);
	return false;
}

/** After the send: what the ledger keeps of a claimed record. */
export async function settleClaim(
	store: ProcessedStore,
	marks: Marks,
	added: string[],
	outcome: 'posted' | 'unknown' | 'notRecorded',
): Promise<void> {
	const slotMarks = added.filter((mark) => mark.startsWith('propexo:claimed-at:'));
	if (outcome === 'posted') {
		// Written again in case another process's write undid the claim after it was checked.
		await store.lasting('record', [marks.claimed, marks.identity]);
		await store.lasting('remove', [marks.unsettled, marks.unknown, ...slotMarks]);
	} else if (outcome === 'unknown') {
		await store.lasting('record', [marks.unknown]);
		await store.lasting('remove', slotMarks);
	} else {
		// Once only: the record may be claimed again at once (Retry On Fail, the next run), and a
		// repeat would take that claim away. Undone by another write, it reads as unknown: safe.
		await store.remove(added);
	}
}

/** What the ledger holds of a record, as the Ledger operations report it. */
export type LedgerState =
	'posted' | 'unknown' | 'in flight' | 'not recorded' | 'recorded with another amount or resident';

/**
 * Reads a record's state without claiming it: written as a claim (so that a process claiming it
 * meanwhile waits instead of taking it for posted), then every mark the call wrote is taken back.
 */
export async function lookUp(store: ProcessedStore, marks: Marks): Promise<LedgerState> {
	const slot = currentSlot();
	const earlier = Array.from({ length: IN_FLIGHT_SLOTS + 1 }, (_, back) =>
		marks.claimedAt(slot - back),
	);
	const probe = [marks.claimed, marks.unsettled, marks.identity, marks.unknown, ...earlier];
	const fresh = await store.record(probe);
	// Once only: a repeat could take away a claim made meanwhile.
	await store.remove(probe.filter((mark) => fresh.has(mark)));
	if (fresh.has(marks.claimed)) return 'not recorded';
	if (fresh.has(marks.identity)) return 'recorded with another amount or resident';
	if (fresh.has(marks.unsettled)) return 'posted';
	if (!fresh.has(marks.unknown)) return 'unknown';
	return earlier.some((mark) => !fresh.has(mark)) ? 'in flight' : 'unknown';
}

/** The user checked ResMan: the record is there. Later runs skip it. */
export async function markRecorded(store: ProcessedStore, marks: Marks): Promise<void> {
	await store.lasting('record', [marks.claimed, marks.identity]);
	await store.lasting('remove', [marks.unsettled, marks.unknown]);
}

/** The user checked ResMan: the record is not there. The next run posts it. */
export async function markNotRecorded(store: ProcessedStore, marks: Marks): Promise<void> {
	const slot = currentSlot();
	const slots = Array.from({ length: IN_FLIGHT_SLOTS + 1 }, (_, back) =>
		marks.claimedAt(slot - back),
	);
	await store.remove([marks.claimed, marks.unsettled, marks.unknown, marks.identity, ...slots]);
}
