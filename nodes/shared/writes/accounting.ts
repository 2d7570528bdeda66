import type { IDataObject } from 'n8n-workflow';

import type { NodeError } from '../errors';
import type { ItemOutcome, WriteNoun } from './outcomes';

function reference(record: IDataObject | undefined): string {
	if (!record) return '?';
	return `${String(record.reference_number)} (batch ${String(record.batch_id)})`;
}

/** "3, 5, 7–12": item numbers, with runs shortened. */
export function itemList(indexes: number[]): string {
	const parts: string[] = [];
	for (let start = 0; start < indexes.length;) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		parts.push(end > start ? `${indexes[start]}–${indexes[end]}` : String(indexes[start]));
		start = end + 1;
	}
	return parts.join(', ');
}

/**
 * Says what happened to every item of a run that stopped: which records were posted (with their
 * job IDs), which may have been, which were refused and which were never sent.
 */
export function accountFor(outcomes: Array<ItemOutcome | undefined>, noun: WriteNoun): string {
	const posted: string[] = [];
	const skipped: string[] = [];
	const unknown: string[] = [];
	const rejected: string[] = [];
	const notSent: number[] = [];
	const invalid: number[] = [];
	// Array.from: an item without an outcome (a hole) was not sent, and must be counted as such.
	Array.from(outcomes).forEach((outcome, itemIndex) => {
		if (!outcome || outcome.kind === 'notSent') notSent.push(itemIndex);
		else if (outcome.kind === 'invalid') invalid.push(itemIndex);
		else if (outcome.kind === 'posted')
			posted.push(`${reference(outcome.record)} → ${String(outcome.json.job_id)}`);
		else if (outcome.kind === 'skipped') skipped.push(reference(outcome.record));
		else if (outcome.kind === 'unknown')
			unknown.push(`item ${itemIndex}: ${reference(outcome.record)}`);
		else
			rejected.push(`item ${itemIndex}: ${reference(outcome.record)} — ${outcome.error.message}`);
	});

	const lines = [`What happened to the ${outcomes.length} items of this run:`];
	lines.push(
		`• Posted: ${posted.length} ${posted.length === 1 ? noun.one : noun.many}${posted.length ? ` (reference → job ID): ${posted.join('; ')}` : ''}.`,
	);
	if (skipped.length)
		lines.push(
			`• Already posted by an earlier run, skipped: ${skipped.length}: ${skipped.join('; ')}.`,
		);
	if (unknown.length)
		lines.push(
			`• Outcome unknown, may have been recorded — check in ResMan before posting again: ${unknown.length}: ${unknown.join('; ')}.`,
		);
	if (rejected.length)
		lines.push(`• Refused, nothing recorded: ${rejected.length}: ${rejected.join('; ')}.`);
	if (invalid.length)
		lines.push(`• Invalid input, not sent: ${invalid.length} (items ${itemList(invalid)}).`);
	// Never sent, or refused unprocessed (a 429): the one group that is safe to send again as is.
	lines.push(
		`• Not sent, nothing recorded — safe to send again: ${notSent.length}${notSent.length ? ` (items ${itemList(notSent)})` : ''}.`,
	);
	lines.push(
		unknown.length
			? `To finish safely: look up each unknown one in ResMan (Partner Transactions) first, then tell the node what you found: a Propexo node in this workflow with Resource "Ledger", "Mark as Recorded" or "Mark as Not Recorded" — until then a run that meets it stops again. Then run the workflow again: with "Skip Already Posted" on, the ${noun.many} posted here are skipped and only the rest is sent.`
			: `To finish safely, fix the cause and run the workflow again: with "Skip Already Posted" on, the ${noun.many} posted here are skipped and only the rest is sent.`,
	);
	return lines.join('\n');
}

const baseDescriptions = new WeakMap<NodeError, string>();

/** The error that stops the run: the first failure, its description followed by the account. */
export function withAccount(error: NodeError, account: string): NodeError {
	const base = baseDescriptions.get(error) ?? error.description ?? '';
	baseDescriptions.set(error, base);
	error.description = `${base}\n\n${account}`.trim();
	return error;
}
