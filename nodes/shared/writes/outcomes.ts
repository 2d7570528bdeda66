import type { IDataObject } from 'n8n-workflow';

import type { NodeError } from '../errors';

/**
 * What happened to one input item of a write. The kind decides what a retry of the node does with
 * it: `posted`, `skipped`, `rejected` and `unknown` are final and returned again as they were;
 * `invalid` is checked again; `notSent` is sent on the next try.
 */
export type ItemOutcome =
	| { kind: 'posted'; json: IDataObject; record: IDataObject }
	| { kind: 'skipped'; json: IDataObject; record: IDataObject }
	/** Bad input, found before sending. */
	| { kind: 'invalid'; error: NodeError }
	/** Propexo or ResMan refused it: nothing was recorded. */
	| { kind: 'rejected'; error: NodeError; record: IDataObject; jobId?: string }
	/** Sent without a clear answer: it may have been recorded. */
	| { kind: 'unknown'; error: NodeError; record: IDataObject; jobId?: string }
	/** Not sent: the run stopped, was cancelled, or the rate limit never lifted. */
	| { kind: 'notSent'; error: NodeError; record?: IDataObject };

export type OutcomeKind = ItemOutcome['kind'];

const FINAL_KINDS: ReadonlySet<OutcomeKind> = new Set(['posted', 'skipped', 'rejected', 'unknown']);

export function isFinal(outcome: ItemOutcome | undefined): outcome is ItemOutcome {
	return outcome !== undefined && FINAL_KINDS.has(outcome.kind);
}

export function isFailure(
	outcome: ItemOutcome | undefined,
): outcome is Extract<ItemOutcome, { error: NodeError }> {
	return outcome !== undefined && 'error' in outcome;
}

/** What the node writes, in the words of its messages and the fields that identify one record. */
export interface WriteNoun {
	one: string;
	many: string;
}

/** What an error item says happened to its record, in the words of the output field `outcome`. */
const OUTCOME_LABELS = {
	invalid: 'invalid_input',
	rejected: 'refused',
	unknown: 'unknown',
	notSent: 'not_sent',
} as const;

/**
 * The facts an error item carries for the steps after it: what happened (`outcome`), which record
 * (`reference_number`, `batch_id`) and Propexo's job ID when there is one.
 */
export function failureFacts(outcome: Extract<ItemOutcome, { error: NodeError }>): IDataObject {
	const record = 'record' in outcome ? outcome.record : undefined;
	const facts: IDataObject = { outcome: OUTCOME_LABELS[outcome.kind] };
	if (record?.reference_number !== undefined) facts.reference_number = record.reference_number;
	if (record?.batch_id !== undefined) facts.batch_id = record.batch_id;
	if ('jobId' in outcome && outcome.jobId) facts.job_id = outcome.jobId;
	return facts;
}
