import { sleep } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { operationError } from '../../errors';

export type StoreHelpers = Pick<
	IExecuteFunctions['helpers'],
	'checkProcessedAndRecord' | 'removeProcessed' | 'getProcessedDataCount'
>;

const OPTIONS = { mode: 'entries' as const };
// Workflow scope: every Propexo node of a workflow, the Ledger operations included, shares it.
const SCOPE = 'workflow' as const;
const RETRY_DELAY_MS = 200;

/**
 * Longer than one call to n8n's database takes between reading the row and writing it back: a
 * write of another process that read the row before a write of this one has landed by then.
 */
export const LOST_WRITE_WINDOW_MS = 100;

/**
 * When a write is made again: a busy n8n can take longer between a call's read and its write than
 * the check before sending waits for, so the record of an outcome is repeated later too.
 */
const REPEAT_AFTER_MS = [200, 1000];

interface Operation {
	kind: 'record' | 'remove';
	values: string[];
	helpers: StoreHelpers;
	resolve(fresh: Set<string>): void;
	reject(error: unknown): void;
}

/**
 * n8n keeps a workflow's processed data in one database row that each call reads and rewrites
 * whole. Two calls at once from this process would drop each other's writes, so every call for
 * one workflow goes through one queue; calls waiting together are merged into one.
 */
class RowQueue {
	private pending: Operation[] = [];

	private running = false;

	submit(operation: Operation): void {
		this.pending.push(operation);
		if (!this.running) void this.drain();
	}

	private async drain(): Promise<void> {
		this.running = true;
		try {
			while (this.pending.length > 0) {
				// Everything waiting goes in two calls. Records go first: a value waiting to be
				// recorded by one operation and removed by another is never the same mark of one
				// record's state (each is written by the one process that owns that state).
				const waiting = this.pending.splice(0);
				const records = waiting.filter((operation) => operation.kind === 'record');
				const removes = waiting.filter((operation) => operation.kind === 'remove');
				if (records.length > 0) await apply('record', records);
				if (removes.length > 0) await apply('remove', removes);
			}
		} finally {
			this.running = false;
		}
	}
}

async function apply(kind: Operation['kind'], batch: Operation[]): Promise<void> {
	const values = [...new Set(batch.flatMap((operation) => operation.values))];
	const { helpers } = batch[0];
	try {
		if (kind === 'remove') {
			await twice(async () => await helpers.removeProcessed(values, SCOPE, OPTIONS));
			for (const operation of batch) operation.resolve(new Set());
			return;
		}
		const result = await twice(
			async () => await helpers.checkProcessedAndRecord(values, SCOPE, OPTIONS),
		);
		const fresh = new Set(result.new.map(String));
		// Of two operations recording the same value, only the first wrote it.
		const taken = new Set<string>();
		for (const operation of batch) {
			const mine = new Set<string>();
			for (const value of operation.values) {
				if (fresh.has(value) && !taken.has(value)) mine.add(value);
				taken.add(value);
			}
			operation.resolve(mine);
		}
	} catch (error) {
		for (const operation of batch) operation.reject(error);
	}
}

// The first call of a workflow inserts its row; a second process inserting at the same moment
// fails on the row's key, and finds the row when it tries again.
async function twice<T>(call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch {
		await sleep(RETRY_DELAY_MS);
		return await call();
	}
}

const queues = new Map<string, RowQueue>();

/** n8n's processed-data store (the Remove Duplicates node's), as the ledger uses it. */
export class ProcessedStore {
	private readonly queue: RowQueue;

	constructor(
		private readonly helpers: StoreHelpers,
		workflowId: string,
	) {
		let queue = queues.get(workflowId);
		if (!queue) {
			queue = new RowQueue();
			queues.set(workflowId, queue);
		}
		this.queue = queue;
	}

	/** Records the values at once in n8n's database; returns those that were not there before. */
	async record(values: string[]): Promise<Set<string>> {
		if (values.length === 0) return new Set();
		return await this.submit('record', values);
	}

	async remove(values: string[]): Promise<void> {
		if (values.length > 0) await this.submit('remove', values);
	}

	private readonly unsettled = new Set<Promise<void>>();

	/**
	 * Records or removes now, and again 200 ms and 1 s later (n8n rewrites the row whole, so
	 * another process's write can undo this one). Only for writes that stay true: never for
	 * taking a claim away, which may be made again at once.
	 */
	async lasting(kind: 'record' | 'remove', values: string[]): Promise<void> {
		if (values.length === 0) return;
		const write = async () => {
			if (kind === 'record') await this.record(values);
			else await this.remove(values);
		};
		await write();
		// Not waited for by the run: it ends without them, and they land in n8n's database after.
		void (async () => {
			let waited = 0;
			for (const at of REPEAT_AFTER_MS) {
				await sleep(at - waited);
				waited = at;
				await write().catch(() => {});
			}
		})();
	}

	/**
	 * Takes back marks a probe wrote that are not true, without waiting. Once only: the same mark
	 * may become true meanwhile (a claim, a post again), and a repeat would take it away.
	 */
	later(kind: 'remove', values: string[]): void {
		this.track(this.remove(values));
	}

	/**
	 * A write the run does not wait for now but must see land before it ends (`drained`). A
	 * failure is swallowed: what it would have written reads as unknown, the safe side.
	 */
	track(write: Promise<void>): void {
		const settled = write.catch(() => {});
		this.unsettled.add(settled);
		void settled.finally(() => this.unsettled.delete(settled));
	}

	/** Every tracked write has landed, or failed. */
	async drained(): Promise<void> {
		while (this.unsettled.size > 0) await Promise.all([...this.unsettled]);
	}

	/** How many values the workflow's store holds, the ledger's and any other node's. */
	async count(): Promise<number> {
		return await this.helpers.getProcessedDataCount(SCOPE, OPTIONS);
	}

	private async submit(kind: Operation['kind'], values: string[]): Promise<Set<string>> {
		return await new Promise((resolve, reject) =>
			this.queue.submit({ kind, values, helpers: this.helpers, resolve, reject }),
		);
	}
}

/** The store, or a clear error on an n8n too old to have one. */
export function processedStoreOf(context: IExecuteFunctions): ProcessedStore {
	const helpers = context.helpers as Partial<StoreHelpers>;
	const workflowId = context.getWorkflow().id;
	if (
		typeof helpers.checkProcessedAndRecord !== 'function' ||
		typeof helpers.removeProcessed !== 'function' ||
		typeof helpers.getProcessedDataCount !== 'function'
	) {
		throw operationError(context.getNode(), 'This n8n has no processed-data store', {
			description:
				'The node remembers every payment in the store the Remove Duplicates node uses, which n8n has had since version 1.70. Update n8n. Nothing was sent.',
		});
	}
	if (!workflowId) {
		throw operationError(context.getNode(), 'Save the workflow before posting from it', {
			description:
				'The node remembers what it posted per saved workflow. Save the workflow, then run it again. Nothing was sent.',
		});
	}
	return new ProcessedStore(helpers as StoreHelpers, workflowId);
}
