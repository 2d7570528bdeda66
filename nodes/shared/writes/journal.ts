import type { IExecuteFunctions } from 'n8n-workflow';

import type { ItemOutcome } from './outcomes';
import { isFinal } from './outcomes';

/**
 * The outcomes of one node run, kept across n8n's Retry On Fail. n8n retries a node by calling
 * execute() again with the same execute-data object, so that object keys the journal: a retry
 * finds what the first try posted, and the entry goes away with the execution (WeakMap).
 */
export class Journal {
	private readonly outcomes = new Map<number, ItemOutcome>();

	/** The final outcome of an item from an earlier try, if it has one. */
	final(itemIndex: number): ItemOutcome | undefined {
		const outcome = this.outcomes.get(itemIndex);
		return isFinal(outcome) ? outcome : undefined;
	}

	record(itemIndex: number, outcome: ItemOutcome): void {
		// Only final outcomes matter to a retry; the rest is worked out again.
		if (isFinal(outcome)) this.outcomes.set(itemIndex, outcome);
	}
}

const journals = new WeakMap<object, Journal>();

export function journalOf(context: IExecuteFunctions): Journal {
	const run = context.getExecuteData();
	let journal = journals.get(run);
	if (!journal) {
		journal = new Journal();
		journals.set(run, journal);
	}
	return journal;
}

/** Called when n8n will not retry this run (it succeeded without error items): free it now. */
export function forgetJournal(context: IExecuteFunctions): void {
	journals.delete(context.getExecuteData());
}
