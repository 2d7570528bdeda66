import type { LedgerEntry } from './store';

/** A write that an execution in this process is sending now. */
export interface Reservation {
	owner: object;
	itemIndex: number;
	amountInCents: number;
	residentId: string;
	/** Resolves with the entry once posted (or unknown), or undefined when nothing was recorded. */
	done: Promise<LedgerEntry | undefined>;
	finish(entry: LedgerEntry | undefined): void;
}

export type Known = { reservation: Reservation } | { entry: LedgerEntry };

// Finished writes kept per process, so that executions running at the same time, which each
// loaded the workflow's static data before the other saved it, still see each other's writes.
const MAX_FINISHED_PER_SCOPE = 50_000;

const scopes = new Map<string, Map<string, Known>>();

function scopeOf(scope: string): Map<string, Known> {
	let known = scopes.get(scope);
	if (!known) {
		known = new Map();
		scopes.set(scope, known);
	}
	return known;
}

export function lookup(scope: string, key: string): Known | undefined {
	return scopes.get(scope)?.get(key);
}

export function reserve(
	scope: string,
	key: string,
	owner: object,
	itemIndex: number,
	record: { amountInCents: number; residentId: string },
): Reservation {
	let finish: (entry: LedgerEntry | undefined) => void = () => {};
	const done = new Promise<LedgerEntry | undefined>((resolve) => (finish = resolve));
	const reservation: Reservation = { owner, itemIndex, ...record, done, finish };
	scopeOf(scope).set(key, { reservation });
	return reservation;
}

/** Ends a reservation: remembers the entry, or forgets the key when nothing was recorded. */
export function settleReservation(
	scope: string,
	key: string,
	reservation: Reservation,
	entry: LedgerEntry | undefined,
): void {
	const known = scopeOf(scope);
	const current = known.get(key);
	if (current && 'reservation' in current && current.reservation === reservation) {
		known.delete(key);
		if (entry) remember(scope, key, entry);
	}
	reservation.finish(entry);
}

export function remember(scope: string, key: string, entry: LedgerEntry): void {
	const known = scopeOf(scope);
	known.delete(key);
	known.set(key, { entry });
	if (known.size > MAX_FINISHED_PER_SCOPE) {
		for (const [oldKey, value] of known) {
			if (known.size <= MAX_FINISHED_PER_SCOPE) break;
			if ('entry' in value) known.delete(oldKey);
		}
	}
}

export function forget(scope: string, key: string): void {
	const current = scopes.get(scope)?.get(key);
	if (current && 'entry' in current) scopes.get(scope)?.delete(key);
}

/** The finished entries of a scope, to merge into what an execution saves. */
export function finishedEntries(scope: string): Array<[string, LedgerEntry]> {
	const result: Array<[string, LedgerEntry]> = [];
	for (const [key, value] of scopes.get(scope) ?? []) {
		if ('entry' in value) result.push([key, value.entry]);
	}
	return result;
}
