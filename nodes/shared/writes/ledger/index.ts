import { sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import type { ItemOutcome, WriteNoun } from '../outcomes';
import type { UnitResult } from '../sendUnits';
import type { WriteSettings } from '../settings';
import type { PreparedItem, RecordIdentity, WriteSpec, WriteUnit } from '../spec';
import type { Reservation } from './registry';
import * as registry from './registry';
import type { LedgerEntry } from './store';
import { ledgerKey, loadLedger, saveLedger } from './store';
import type { Claim, Marks } from './durableLedger';
import { claimAll, claimRepost, marksOf, settleClaim } from './durableLedger';
import type { WriteStatus } from '../../reads/writeStatus';
import { waitForWriteStatus } from '../../reads/writeStatus';
import type { ProcessedStore } from './processedStore';
import { processedStoreOf } from './processedStore';
import { operationError } from '../../errors';

/**
 * About two marks per record: past this, every call to n8n's database reads and writes a row of
 * megabytes. Nothing is dropped; the run says so.
 */
export const LEDGER_CAPACITY_MARKS = 100_000;

function capacityNotice(marks: number): string {
	return `This workflow's ledger holds about ${Math.round(marks / 2)} records, more than ${LEDGER_CAPACITY_MARKS / 2}: nothing is forgotten before "Remember Posted For (Days)", but every post now reads and writes a large list in n8n's database, and slows down. Lower "Remember Posted For (Days)", or split the posting over several workflows.`;
}

// How often a record another process is sending is looked at again, until its outcome is known.
const IN_FLIGHT_POLL_MS = 1000;

const DAY_MS = 86_400_000;

interface Waiting {
	item: PreparedItem;
	reservation: Reservation;
	sameRun: boolean;
}

/**
 * Remembers every write the node posted (or may have posted) in the workflow's static data, so
 * that a later execution, a re-run or a repeated webhook does not post it again. Executions that
 * run at the same time in this process share reservations: only one of them sends a record.
 */
export class PostedLedger {
	private readonly entries: Map<string, LedgerEntry>;

	private readonly scope: string;

	private readonly owner = {};

	private readonly reservations = new Map<number, { key: string; reservation: Reservation }>();

	private readonly waiting: Waiting[] = [];

	private dirty = false;

	private readonly durable: ProcessedStore;

	/** Records this run claimed in n8n's database and has not settled yet. */
	private readonly claims = new Map<number, { marks: Marks; added: string[] }>();

	/** Items posted again because ResMan failed their earlier write job: that job and why. */
	private readonly reposts = new Map<number, IDataObject>();

	/** Entries from before this time are forgotten (Remember Posted For). */
	private readonly oldest: number;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly spec: WriteSpec,
		private readonly settings: WriteSettings,
	) {
		const keepMs = settings.rememberDays * DAY_MS;
		const { entries, expired } = loadLedger(detailsOf(context, spec.noun.one), keepMs);
		this.entries = entries;
		this.dirty = expired.length > 0;
		this.durable = processedStoreOf(context);
		// Queued ahead of any claim of this run, so an expired record is posted again.
		if (expired.length > 0) {
			const marks = expired.flatMap(({ key, entry }) => expiredMarks(spec.noun.one, key, entry));
			this.durable.track(this.durable.remove(marks));
		}
		this.scope = scopeOf(context, spec.noun.one);
		this.oldest = Date.now() - keepMs;
		for (const [key, entry] of registry.finishedEntries(this.scope)) {
			if (entry.at >= this.oldest && !this.entries.has(key)) {
				this.entries.set(key, entry);
				this.dirty = true;
			}
		}
	}

	/**
	 * Decides, before anything is sent, which checked items go out. Returns the outcomes of the
	 * others: skipped repeats, and refusals (a conflicting record, or an earlier unknown outcome).
	 * With `reserve` false (Validate Only) nothing is held.
	 */
	check(items: PreparedItem[], reserve: boolean): Map<number, ItemOutcome> {
		const decided = new Map<number, ItemOutcome>();
		if (!this.settings.skipAlreadyPosted) return decided;
		for (const item of items) {
			const identity = item.identity;
			const key = keyOf(identity);
			const outcome = this.decide(item, identity, key, reserve);
			if (outcome) decided.set(item.itemIndex, outcome);
		}
		return decided;
	}

	private decide(
		item: PreparedItem,
		identity: RecordIdentity,
		key: string,
		reserve: boolean,
	): ItemOutcome | undefined {
		const known = registry.lookup(this.scope, key);
		if (known && 'reservation' in known) {
			const held = known.reservation;
			const conflict = conflictWith(this.node(), item, identity, held, this.spec.noun);
			if (conflict) return conflict;
			if (reserve) {
				this.waiting.push({ item, reservation: held, sameRun: held.owner === this.owner });
			}
			return { kind: 'notSent', error: waitingError(this.node(), item.itemIndex) };
		}
		if (!reserve) {
			// Validate Only: what this process remembers. A run that sends asks n8n's database
			// instead, when it claims the record: what a process remembers may be out of date (a
			// Ledger operation run from the editor, or on another worker, changed it).
			const entry = this.knownEntry(key);
			if (!entry) return undefined;
			return (
				conflictWith(this.node(), item, identity, entry, this.spec.noun) ??
				repeatOutcome(this.node(), item, entry, this.spec.noun)
			);
		}
		const reservation = registry.reserve(this.scope, key, this.owner, item.itemIndex, identity);
		this.reservations.set(item.itemIndex, { key, reservation });
		return undefined;
	}

	/**
	 * Claims a unit's records in n8n's database just before they are sent: returns the items to
	 * send, and the outcome of the others (posted or being sent by another process, unknown, or a
	 * conflict). Waits for records another process is sending until their outcome is known.
	 */
	async admit(
		items: PreparedItem[],
		signal?: AbortSignal,
		whileWaiting: <T>(wait: () => Promise<T>) => Promise<T> = async (wait) => await wait(),
	): Promise<{ send: PreparedItem[]; decided: Map<number, ItemOutcome> }> {
		const send: PreparedItem[] = [];
		const decided = new Map<number, ItemOutcome>();
		let open = items;
		while (open.length > 0) {
			const marks = open.map((item) => this.marksOf(item));
			let claims: Claim[];
			try {
				claims = await claimAll(this.durable, marks);
			} catch (error) {
				for (const item of open) {
					decided.set(item.itemIndex, this.storeFailed(item, error));
					this.settleDecided(item, 'notSent');
				}
				break;
			}
			const waiting: PreparedItem[] = [];
			for (const [index, item] of open.entries()) {
				let claim = claims[index];
				if (claim.state === 'posted' && this.settings.skipAlreadyPosted) {
					// Reading the write status takes a rate-limit turn of its own: not while holding one.
					const late = await whileWaiting(
						async () => await this.lateVerdict(item, marks[index], signal),
					);
					if (late.outcome) {
						decided.set(item.itemIndex, late.outcome);
						this.settleDecided(item, 'posted');
						continue;
					}
					claim = late.claim;
				}
				if (claim.state === 'claimed' || !this.settings.skipAlreadyPosted) {
					this.claims.set(item.itemIndex, { marks: marks[index], added: claim.added });
					send.push(item);
				} else if (claim.state === 'inFlight' || claim.state === 'retry') waiting.push(item);
				else {
					decided.set(item.itemIndex, this.durableOutcome(item, claim.state));
					this.settleDecided(item, claim.state);
				}
			}
			open = waiting;
			if (open.length === 0) break;
			if (signal?.aborted) {
				for (const item of open) {
					decided.set(item.itemIndex, this.storeFailed(item, 'cancelled'));
					this.settleDecided(item, 'notSent');
				}
				break;
			}
			await whileWaiting(async () => await sleep(IN_FLIGHT_POLL_MS));
		}
		return { send, decided };
	}

	/**
	 * Ends this process's reservation of an item n8n's database decided, with what the database
	 * said, so that executions here waiting for the same record learn it too.
	 */
	private settleDecided(item: PreparedItem, state: Claim['state'] | 'notSent'): void {
		const held = this.reservations.get(item.itemIndex);
		if (!held) return;
		this.reservations.delete(item.itemIndex);
		const identity = item.identity;
		const known = this.entries.get(held.key);
		let entry: LedgerEntry | undefined;
		if (state === 'posted' || state === 'unknown') {
			entry = {
				...amountAndResident(identity),
				jobId: known?.jobId ?? '',
				at: known?.at ?? NaN,
				unknown: state === 'unknown',
			};
		}
		registry.settleReservation(this.scope, held.key, held.reservation, entry);
	}

	private marksOf(item: PreparedItem): Marks {
		return marksOf(this.spec.noun.one, item.identity);
	}

	/**
	 * A record posted before without ResMan's verdict: reads its write status. FAILURE claims it
	 * to post again (the output says so); SUCCESS or PENDING skip it, with the status.
	 */
	private async lateVerdict(
		item: PreparedItem,
		marks: Marks,
		signal?: AbortSignal,
	): Promise<{ outcome: ItemOutcome; claim?: undefined } | { outcome?: undefined; claim: Claim }> {
		const key = keyOf(item.identity);
		const entry = this.knownEntry(key);
		const skipped = (writeStatus?: WriteStatus) => {
			const outcome = this.durableOutcome(item, 'posted');
			if (writeStatus && outcome.kind === 'skipped') {
				outcome.json.write_status = writeStatus.write_status;
				outcome.json.write_errors = writeStatus.errors;
			}
			return { outcome };
		};
		if (!entry?.jobId || entry.unknown || entry.confirmed) return skipped();
		let status: WriteStatus;
		try {
			status = await waitForWriteStatus.call(this.context, entry.jobId, {
				timeoutMs: 0,
				itemIndex: item.itemIndex,
				request: this.settings.request,
				signal,
			});
		} catch {
			return skipped();
		}
		if (status.write_status === 'SUCCESS') {
			this.entries.set(key, { ...entry, confirmed: true });
			this.dirty = true;
		}
		if (status.write_status !== 'FAILURE') return skipped(status);
		const claim = await claimRepost(this.durable, marks, entry.jobId);
		if (claim.state === 'claimed') {
			this.reposts.set(item.itemIndex, { job_id: entry.jobId, errors: status.errors });
		}
		return { claim };
	}

	/** What this run's ledger, or another execution of this process, remembers of a record. */
	private knownEntry(key: string): LedgerEntry | undefined {
		const known = registry.lookup(this.scope, key);
		const recent =
			known && 'entry' in known && known.entry.at >= this.oldest ? known.entry : undefined;
		return this.entries.get(key) ?? recent;
	}

	/** A record claimed before, as the database tells it. */
	private durableOutcome(item: PreparedItem, state: Claim['state']): ItemOutcome {
		const identity = item.identity;
		const entry = this.knownEntry(keyOf(identity));
		if (state === 'conflict') {
			return (
				conflictWith(this.node(), item, identity, entry, this.spec.noun) ??
				unknownOutcome(this.node(), item, undefined, this.spec.noun)
			);
		}
		if (state === 'posted') {
			return repeatOutcome(
				this.node(),
				item,
				entry && !entry.unknown ? entry : { ...identity, jobId: '', at: NaN, unknown: false },
				this.spec.noun,
			);
		}
		return unknownOutcome(this.node(), item, entry?.at, this.spec.noun);
	}

	private storeFailed(item: PreparedItem, error: unknown): ItemOutcome {
		const why =
			error === 'cancelled'
				? 'the execution was cancelled while another execution was sending the same record'
				: `n8n's database did not record it: ${(error as Error).message}`;
		return {
			kind: 'notSent',
			record: item.record,
			error: operationError(this.node(), `Not sent: ${why} [item ${item.itemIndex}]`, {
				itemIndex: item.itemIndex,
				description: `The ${this.spec.noun.one} is remembered in n8n's database before it is sent, and was not sent. Nothing was recorded: it is safe to run it again.`,
			}),
		};
	}

	/** Items that repeat a record being sent right now: their outcome once that send has ended. */
	async resolveWaiting(): Promise<Map<number, ItemOutcome>> {
		const resolved = new Map<number, ItemOutcome>();
		for (const { item, reservation, sameRun } of this.waiting) {
			const entry = await reservation.done;
			if (entry) {
				resolved.set(item.itemIndex, repeatOutcome(this.node(), item, entry, this.spec.noun));
				continue;
			}
			const where = sameRun ? `item ${reservation.itemIndex} of this run` : 'another execution';
			resolved.set(item.itemIndex, {
				kind: 'notSent',
				record: item.record,
				error: operationError(
					this.node(),
					`Not sent: it repeats a ${this.spec.noun.one} that ${where} was sending, which failed [item ${item.itemIndex}]`,
					{
						itemIndex: item.itemIndex,
						description: `Nothing was recorded for it. Fix what made the other one fail, then run this item again.`,
					},
				),
			});
		}
		return resolved;
	}

	/** Records a unit's outcome: posted or unknown writes are remembered, the rest released. */
	settle(unit: WriteUnit, result: UnitResult): void {
		for (const item of unit.items) {
			const identity = item.identity;
			const key = keyOf(identity);
			let entry: LedgerEntry | undefined;
			const index = unit.items.indexOf(item);
			const repost = this.reposts.get(item.itemIndex);
			if (result.kind === 'posted' && repost) result.json[index].posted_again_after = repost;
			if (result.kind === 'posted' || result.kind === 'unknown') {
				entry = {
					amountInCents: identity.amountInCents,
					residentId: identity.residentId,
					jobId: result.jobId ?? '',
					at: Date.now(),
					unknown: result.kind === 'unknown',
					...(result.kind === 'posted' && result.json[index].write_status === 'SUCCESS'
						? { confirmed: true }
						: {}),
				};
				this.entries.set(key, entry);
				this.dirty = true;
			}
			const claim = this.claims.get(item.itemIndex);
			if (claim) {
				this.claims.delete(item.itemIndex);
				const kept =
					result.kind === 'posted' || result.kind === 'unknown' ? result.kind : 'notRecorded';
				// Not taken by n8n's database: the record reads as unknown until resolved, the safe side.
				this.durable.track(settleClaim(this.durable, claim.marks, claim.added, kept));
			}
			const held = this.reservations.get(item.itemIndex);
			if (held) {
				this.reservations.delete(item.itemIndex);
				registry.settleReservation(this.scope, held.key, held.reservation, entry);
			} else if (entry) {
				registry.remember(this.scope, key, entry);
			}
		}
	}

	/** Set when the workflow's ledger is past its tested size: nothing is dropped, it slows. */
	capacityNotice?: string;

	/**
	 * Waits for the outcomes to reach n8n's database, forgets expired records there, and writes
	 * the details (job IDs, amounts) to the workflow's static data, which n8n saves after the
	 * execution.
	 */
	async finish(): Promise<void> {
		this.save();
		await this.durable.drained();
		try {
			const marks = await this.durable.count();
			if (marks > LEDGER_CAPACITY_MARKS) this.capacityNotice = capacityNotice(marks);
		} catch {
			// Only a warning depends on it.
		}
	}

	/** Writes the ledger to the workflow's static data, which n8n saves after the execution. */
	save(): void {
		// A reservation the run never settled (it threw first) must not block later runs.
		for (const { key, reservation } of this.reservations.values()) {
			registry.settleReservation(this.scope, key, reservation, undefined);
		}
		this.reservations.clear();
		if (!this.dirty) return;
		saveLedger(detailsOf(this.context, this.spec.noun.one), this.entries);
		this.dirty = false;
	}

	private node(): INode {
		return this.context.getNode();
	}
}

/**
 * After a Ledger operation: what this process and the workflow's static data remember of the
 * record follows what the user found in ResMan.
 */
export function rememberResolution(
	context: IExecuteFunctions,
	model: string,
	identity: RecordIdentity,
	recorded: boolean,
): void {
	const scope = scopeOf(context, model);
	const key = keyOf(identity);
	const details = detailsOf(context, model);
	const { entries } = loadLedger(details, Number.MAX_SAFE_INTEGER);
	if (recorded) {
		const entry: LedgerEntry = {
			amountInCents: identity.amountInCents,
			residentId: identity.residentId,
			jobId: entries.get(key)?.jobId ?? '',
			at: Date.now(),
			unknown: false,
		};
		entries.set(key, entry);
		registry.remember(scope, key, entry);
	} else {
		entries.delete(key);
		registry.forget(scope, key);
	}
	saveLedger(details, entries);
}

/** What the workflow's static data and this process remember of the records of one model. */
export function rememberedRecords(
	context: IExecuteFunctions,
	model: string,
): Array<[RecordIdentity, LedgerEntry]> {
	const { entries } = loadLedger(detailsOf(context, model), Number.MAX_SAFE_INTEGER);
	for (const [key, entry] of registry.finishedEntries(scopeOf(context, model))) {
		if (!entries.has(key)) entries.set(key, entry);
	}
	return [...entries].map(([key, entry]) => {
		const [integrationId, batchId, referenceNumber] = JSON.parse(key) as string[];
		const identity = { integrationId, batchId, referenceNumber, ...entry };
		return [identity, entry];
	});
}

/** Where this process keeps what it knows of a workflow's records of one model. */
export function scopeOf(context: IExecuteFunctions, model: string): string {
	return `${context.getWorkflow().id ?? ''}|${model}`;
}

/**
 * The details of the records (job ID, amount, resident, when), kept in the workflow's static data,
 * shared by every node of the workflow. n8n saves it only after a production execution that ends
 * normally, so it is a cache: n8n's database holds what decides.
 */
export function detailsOf(context: IExecuteFunctions, model: string): IDataObject {
	const global = context.getWorkflowStaticData('global');
	const key = `propexoLedger:${model}`;
	if (typeof global[key] !== 'object' || global[key] === null) global[key] = {};
	return global[key] as IDataObject;
}

function expiredMarks(model: string, key: string, entry: LedgerEntry): string[] {
	const [integrationId, batchId, referenceNumber] = JSON.parse(key) as string[];
	const marks = marksOf(model, {
		integrationId,
		batchId,
		referenceNumber,
		amountInCents: entry.amountInCents,
		residentId: entry.residentId,
	});
	return [marks.claimed, marks.unsettled, marks.unknown, marks.identity];
}

function amountAndResident(identity: RecordIdentity) {
	return { amountInCents: identity.amountInCents, residentId: identity.residentId };
}

function keyOf(identity: RecordIdentity): string {
	return ledgerKey(identity.integrationId, identity.batchId, identity.referenceNumber);
}

function describe(identity: RecordIdentity): string {
	return `reference ${identity.referenceNumber} in batch ${identity.batchId}`;
}

function conflictWith(
	node: INode,
	item: PreparedItem,
	identity: RecordIdentity,
	/** What the earlier record was, where this process still knows it. */
	earlier: { amountInCents: number; residentId: string } | undefined,
	noun: WriteNoun,
): ItemOutcome | undefined {
	if (
		earlier?.amountInCents === identity.amountInCents &&
		earlier.residentId === identity.residentId
	) {
		return undefined;
	}
	const before = earlier
		? `${earlier.amountInCents} cents for resident ${earlier.residentId}`
		: 'another amount or resident';
	return {
		kind: 'invalid',
		error: operationError(
			node,
			`Conflict: ${describe(identity)} was already used for another ${noun.one} [item ${item.itemIndex}]`,
			{
				itemIndex: item.itemIndex,
				description: `Earlier: ${before}. Now: ${identity.amountInCents} cents for resident ${identity.residentId}. ResMan treats the same reference number in the same batch as the same ${noun.one}, so nothing was sent. Give this ${noun.one} its own reference number, or correct the amount or resident.`,
			},
		),
	};
}

function repeatOutcome(
	node: INode,
	item: PreparedItem,
	entry: LedgerEntry,
	noun: WriteNoun,
): ItemOutcome {
	if (entry.unknown) return unknownOutcome(node, item, entry.at, noun);
	const known = Number.isFinite(entry.at);
	return {
		kind: 'skipped',
		record: item.record,
		json: {
			...item.record,
			job_id: entry.jobId || null,
			skipped: true,
			already_posted_at: known ? new Date(entry.at).toISOString() : null,
		},
	};
}

/** A record sent before whose outcome nobody knows: never sent again until resolved. */
function unknownOutcome(
	node: INode,
	item: PreparedItem,
	at: number | undefined,
	noun: WriteNoun,
): ItemOutcome {
	const when = at !== undefined && Number.isFinite(at) ? ` at ${new Date(at).toISOString()}` : '';
	return {
		kind: 'invalid',
		error: operationError(
			node,
			`Not sent: this ${noun.one} was sent${when} and its outcome is unknown [item ${item.itemIndex}]`,
			{
				itemIndex: item.itemIndex,
				description: `It may already be in ResMan. Check for reference ${String(item.record.reference_number)} in batch ${String(item.record.batch_id)} (ResMan → Partner Transactions), then tell the node what you found: add a Propexo node to this workflow with Resource "Ledger" and run "Mark as Recorded" or "Mark as Not Recorded" for it. "Skip Already Posted" stays on for every other ${noun.one}.`,
			},
		),
	};
}

function waitingError(node: INode, itemIndex: number) {
	return operationError(node, `Not sent: waiting for the same record [item ${itemIndex}]`);
}
