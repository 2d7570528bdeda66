import type { IExecuteFunctions, INode } from 'n8n-workflow';

import type { ItemOutcome, WriteNoun } from '../outcomes';
import type { UnitResult } from '../sendUnits';
import type { WriteSettings } from '../settings';
import type { PreparedItem, RecordIdentity, WriteSpec, WriteUnit } from '../spec';
import type { Reservation } from './registry';
import * as registry from './registry';
import type { LedgerEntry } from './store';
import { ledgerKey, loadLedger, saveLedger } from './store';
import { operationError } from '../../errors';

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

	/** Entries from before this time are forgotten (Remember Posted For). */
	private readonly oldest: number;

	constructor(
		private readonly context: IExecuteFunctions,
		private readonly spec: WriteSpec,
		private readonly settings: WriteSettings,
	) {
		const keepMs = settings.rememberDays * DAY_MS;
		const staticData = context.getWorkflowStaticData('node');
		const { entries, expired } = loadLedger(staticData, keepMs);
		this.entries = entries;
		this.dirty = expired > 0;
		this.scope = `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
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
			const identity = this.spec.identify(item.record);
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
		const recent =
			known && 'entry' in known && known.entry.at >= this.oldest ? known.entry : undefined;
		const entry = this.entries.get(key) ?? recent;
		if (entry) {
			const conflict = conflictWith(this.node(), item, identity, entry, this.spec.noun);
			if (conflict) return conflict;
			return repeatOutcome(this.node(), item, entry, this.spec.noun);
		}
		if (reserve) {
			const reservation = registry.reserve(this.scope, key, this.owner, item.itemIndex, identity);
			this.reservations.set(item.itemIndex, { key, reservation });
		}
		return undefined;
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
			const identity = this.spec.identify(item.record);
			const key = keyOf(identity);
			let entry: LedgerEntry | undefined;
			if (result.kind === 'posted' || result.kind === 'unknown') {
				entry = {
					amountInCents: identity.amountInCents,
					residentId: identity.residentId,
					jobId: result.jobId ?? '',
					at: Date.now(),
					unknown: result.kind === 'unknown',
				};
				this.entries.set(key, entry);
				this.dirty = true;
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

	/** Writes the ledger to the workflow's static data, which n8n saves after the execution. */
	save(): void {
		// A reservation the run never settled (it threw first) must not block later runs.
		for (const { key, reservation } of this.reservations.values()) {
			registry.settleReservation(this.scope, key, reservation, undefined);
		}
		this.reservations.clear();
		if (!this.dirty) return;
		saveLedger(this.context.getWorkflowStaticData('node'), this.entries);
		this.dirty = false;
	}

	private node(): INode {
		return this.context.getNode();
	}
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
	earlier: { amountInCents: number; residentId: string },
	noun: WriteNoun,
): ItemOutcome | undefined {
	if (
		earlier.amountInCents === identity.amountInCents &&
		earlier.residentId === identity.residentId
	) {
		return undefined;
	}
	return {
		kind: 'invalid',
		error: operationError(
			node,
			`Conflict: ${describe(identity)} was already used for another ${noun.one} [item ${item.itemIndex}]`,
			{
				itemIndex: item.itemIndex,
				description: `Earlier: ${earlier.amountInCents} cents for resident ${earlier.residentId}. Now: ${identity.amountInCents} cents for resident ${identity.residentId}. ResMan treats the same reference number in the same batch as the same ${noun.one}, so nothing was sent. Give this ${noun.one} its own reference number, or correct the amount or resident.`,
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
	const at = new Date(entry.at).toISOString();
	if (entry.unknown) {
		return {
			kind: 'invalid',
			error: operationError(
				node,
				`Not sent: this ${noun.one} was sent at ${at} and its outcome is unknown [item ${item.itemIndex}]`,
				{
					itemIndex: item.itemIndex,
					description: `It may already be in ResMan. Check for reference ${String(item.record.reference_number)} in batch ${String(item.record.batch_id)} (ResMan → Partner Transactions) before posting it again. To post it anyway, turn off "Skip Already Posted" for one run.`,
				},
			),
		};
	}
	return {
		kind: 'skipped',
		record: item.record,
		json: { ...item.record, job_id: entry.jobId, skipped: true, already_posted_at: at },
	};
}

function waitingError(node: INode, itemIndex: number) {
	return operationError(node, `Not sent: waiting for the same record [item ${itemIndex}]`);
}
