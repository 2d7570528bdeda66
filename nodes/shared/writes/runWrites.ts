import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { errorItem } from '../helpers/itemResults';
import { accountFor, withAccount } from './accounting';
import { forgetJournal, journalOf } from './journal';
import { PostedLedger } from './ledger';
import { notSentError } from './notSent';
import type { ItemOutcome } from './outcomes';
import { failureFacts, isFailure } from './outcomes';
import type { UnitResult } from './sendUnits';
import { sendUnits } from './sendUnits';
import { RunGate } from './runGate';
import type { WriteSettings } from './settings';
import { readWriteSettings } from './settings';
import { parameterReader } from '../validation/parameterReader';
import type { CheckedItem, PreparedItem, WriteSpec, WriteUnit } from './spec';
import type { NodeError } from '../errors';
import { operationError } from '../errors';
import { identifyByReference } from './units';

/**
 * Runs a write operation over all input items in two passes: first every item is resolved and
 * checked, then the good ones are sent. In "Stop Workflow" mode one bad item means nothing is
 * sent, and a failure while sending stops the run with an account of every item. Under Retry On
 * Fail, what an earlier try posted (or may have posted) is returned again, never sent again.
 */
export async function runWrites(
	this: IExecuteFunctions,
	spec: WriteSpec,
): Promise<INodeExecutionData[]> {
	const itemCount = this.getInputData().length;
	const stopOnFailure = !this.continueOnFail();
	let settings: WriteSettings;
	try {
		settings = readWriteSettings.call(this, spec.batchSizeParameter);
	} catch (error) {
		const nodeError = error as NodeError;
		if (stopOnFailure) throw nodeError;
		return Array.from({ length: itemCount }, (_, i) =>
			errorItem(i, nodeError, failureFacts({ kind: 'invalid', error: nodeError })),
		);
	}

	const outcomes: Array<ItemOutcome | undefined> = Array.from({ length: itemCount });
	const journal = journalOf(this);
	let checked: CheckedItem[] = [];
	const read = parameterReader.call(this);
	const node = this.getNode();
	const timezone = this.getTimezone();
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const earlier = journal.final(itemIndex);
		if (earlier) {
			outcomes[itemIndex] = earlier;
			continue;
		}
		try {
			checked.push({ itemIndex, record: spec.prepare(read, { node, itemIndex, timezone }) });
		} catch (error) {
			outcomes[itemIndex] = { kind: 'invalid', error: asItemError(this, error, itemIndex) };
		}
	}
	const stopIfFailed = (first?: number) => {
		if (!stopOnFailure) return;
		const failed = isFailure(outcomes[first ?? -1])
			? (first as number)
			: outcomes.findIndex(isFailure);
		const failure = outcomes[failed];
		if (!isFailure(failure)) return;
		throw withAccount(failure.error, accountFor(outcomes, spec.noun));
	};
	stopIfFailed();
	const facts = new Map<number, IDataObject>();
	if (spec.resolve) {
		checked = await resolveItems(this, spec.resolve, checked, outcomes, facts);
		stopIfFailed();
	}
	// Computed once, from the record as it will be sent.
	const prepared: PreparedItem[] = checked.map((item) => ({
		...item,
		identity: identifyByReference(item.record),
	}));

	const ledger = new PostedLedger(this, spec, settings);
	if (settings.validateOnly) {
		for (const [itemIndex, outcome] of ledger.check(prepared, false)) outcomes[itemIndex] = outcome;
		stopIfFailed();
		return withFacts(
			toOutput(outcomes, validatedOutcomes(spec.toUnits(prepared, settings))),
			facts,
		);
	}

	const signal = this.getExecutionCancelSignal();
	const gate = new RunGate(stopOnFailure, signal);
	try {
		const decided = ledger.check(prepared, true);
		for (const [itemIndex, outcome] of decided) outcomes[itemIndex] = outcome;
		// Repeats of a record being sent now wait for it; only refusals stop the run here.
		const refused = outcomes.findIndex((outcome) => outcome?.kind === 'invalid');
		if (refused >= 0) stopIfFailed(refused);
		const units = spec.toUnits(
			prepared.filter((item) => !decided.has(item.itemIndex)),
			settings,
		);
		await sendUnits.call(this, units, {
			spec,
			settings,
			gate,
			admit: async (unit, whileWaiting) => {
				const { send, decided } = await ledger.admit(unit.items, signal, whileWaiting);
				for (const [itemIndex, outcome] of decided) {
					outcomes[itemIndex] = outcome;
					journal.record(itemIndex, outcome);
					if (outcome.kind === 'invalid') gate.fail(itemIndex);
				}
				if (send.length === unit.items.length) return [unit];
				return send.length > 0 ? spec.toUnits(send, settings) : [];
			},
			settle: (unit, result) => {
				ledger.settle(unit, result);
				for (const [index, item] of unit.items.entries()) {
					const outcome = toOutcome(this, unit, index, result, spec);
					outcomes[item.itemIndex] = outcome;
					journal.record(item.itemIndex, outcome);
					const stopsRun = result.kind !== 'notSent' || result.reason === 'error';
					if (isFailure(outcome) && stopsRun) gate.fail(item.itemIndex);
				}
			},
		});
		for (const [itemIndex, outcome] of await ledger.resolveWaiting()) {
			outcomes[itemIndex] = outcome;
		}
	} finally {
		await ledger.finish();
	}
	if (ledger.capacityNotice) warnAboutLedger(this, ledger.capacityNotice);
	stopIfFailed(gate.firstFailure);

	const output = withFacts(toOutput(outcomes), facts);
	if (ledger.capacityNotice) {
		for (const item of output)
			if (!('error' in item.json)) item.json.ledger_notice = ledger.capacityNotice;
	}
	if (!outcomes.some(isFailure)) forgetJournal(this);
	return output;
}

/**
 * Runs the spec's lookups over every checked item, after the checks and before anything is
 * claimed or sent, so that an unresolvable item stops a "Stop Workflow" run with nothing sent.
 * Returns the items left to send, with their resolved records.
 */
async function resolveItems(
	context: IExecuteFunctions,
	resolve: NonNullable<WriteSpec['resolve']>,
	checked: CheckedItem[],
	outcomes: Array<ItemOutcome | undefined>,
	facts: Map<number, IDataObject>,
): Promise<CheckedItem[]> {
	const resolved = await resolve.call(context, checked);
	const left: CheckedItem[] = [];
	for (const item of checked) {
		const resolution = resolved.get(item.itemIndex);
		if (!resolution) {
			left.push(item);
		} else if ('error' in resolution) {
			outcomes[item.itemIndex] = resolution.notSent
				? { kind: 'notSent', error: resolution.error, record: item.record }
				: { kind: 'invalid', error: resolution.error };
		} else {
			left.push({ itemIndex: item.itemIndex, record: resolution.record });
			facts.set(item.itemIndex, resolution.facts);
		}
	}
	return left;
}

/** Adds what the lookups found to the output items that succeeded; never sent to Propexo. */
function withFacts(
	output: INodeExecutionData[],
	facts: Map<number, IDataObject>,
): INodeExecutionData[] {
	for (const [itemIndex, found] of facts) {
		const item = output[itemIndex];
		if (item && !('error' in item.json)) Object.assign(item.json, found);
	}
	return output;
}

function toOutcome(
	context: IExecuteFunctions,
	unit: WriteUnit,
	index: number,
	result: UnitResult,
	spec: WriteSpec,
): ItemOutcome {
	const { itemIndex, record } = unit.items[index];
	const forItem = (error: NodeError) =>
		spec.itemError ? spec.itemError.call(context, unit, index, error) : error;
	switch (result.kind) {
		case 'posted':
			return { kind: 'posted', json: result.json[index], record };
		case 'notSent':
			return {
				kind: 'notSent',
				record,
				error:
					result.reason === 'error'
						? forItem(result.error)
						: notSentError(context.getNode(), itemIndex, spec.noun, result.reason),
			};
		default:
			return { kind: result.kind, error: forItem(result.error), record, jobId: result.jobId };
	}
}

/** The node's notice in the editor, on n8n versions that show execution hints. */
function warnAboutLedger(context: IExecuteFunctions, message: string): void {
	const hints = context as IExecuteFunctions & {
		addExecutionHints?: (...hints: Array<{ message: string; type: 'warning' }>) => void;
	};
	hints.addExecutionHints?.({ message, type: 'warning' });
}

/** Validate Only: each item's output is its checked record, what would be sent for it. */
function validatedOutcomes(units: WriteUnit[]): Map<number, ItemOutcome> {
	const validated = new Map<number, ItemOutcome>();
	for (const unit of units) {
		for (const { itemIndex, record } of unit.items) {
			validated.set(itemIndex, { kind: 'posted', json: record, record });
		}
	}
	return validated;
}

function toOutput(
	outcomes: Array<ItemOutcome | undefined>,
	validated?: Map<number, ItemOutcome>,
): INodeExecutionData[] {
	return Array.from(outcomes, (recorded, itemIndex) => {
		const outcome = recorded ?? validated?.get(itemIndex);
		if (outcome && 'json' in outcome)
			return { json: outcome.json, pairedItem: { item: itemIndex } };
		if (outcome && 'error' in outcome)
			return errorItem(itemIndex, outcome.error, failureFacts(outcome));
		throw new Error(`Item ${itemIndex} has no outcome`);
	});
}

/** An item's own failure while its parameters were read (e.g. an expression that throws). */
function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	const cause = error as Error & { description?: string };
	return operationError(context.getNode(), `${cause.message} [item ${itemIndex}]`, {
		itemIndex,
		description:
			`${cause.description ?? ''} Fix the expression or the input for this item. Nothing was sent for it.`.trim(),
	});
}
