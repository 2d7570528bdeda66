import { createHash } from 'node:crypto';

import { DataDeduplicationService } from 'n8n-core';
import type {
	DeduplicationItemTypes,
	DeduplicationScope,
	ICheckProcessedContextData,
	ICheckProcessedOptions,
	IDataDeduplicator,
	IDeduplicationOutput,
} from 'n8n-workflow';

interface Row {
	mode: string;
	data: string[];
}

/**
 * n8n's processed-data store as its database helper behaves: one row per workflow and scope
 * holding hashes of the values; each call reads the row, then writes it back whole, with a
 * database round trip between, so two calls at once can each miss the other's write.
 */
export class ProcessedDataStore implements IDataDeduplicator {
	readonly rows = new Map<string, Row>();

	/** Calls made, for tests that count them. */
	calls = 0;

	/** The time between a call's read and its write, as a database round trip takes. */
	roundTripMs = 1;

	/** Makes the next calls fail, as a database that is down does. */
	failing = false;

	/**
	 * Undoes the next recording calls right after they wrote, as the write of another process
	 * that read the row before them does.
	 */
	undoNextRecords = 0;

	private static hash(value: DeduplicationItemTypes): string {
		return createHash('md5').update(value.toString()).digest('base64');
	}

	private static rowKey(scope: DeduplicationScope, context: ICheckProcessedContextData): string {
		const where = scope === 'node' ? `n:${context.node?.id ?? ''}` : '';
		return `${String(context.workflow.id)}|${where}`;
	}

	private async read(scope: DeduplicationScope, context: ICheckProcessedContextData) {
		this.calls++;
		if (this.failing) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
		const key = ProcessedDataStore.rowKey(scope, context);
		const stored = this.rows.get(key);
		const row = stored ? { mode: stored.mode, data: [...stored.data] } : undefined;
		await new Promise((resolve) => setTimeout(resolve, this.roundTripMs));
		return { key, row };
	}

	async checkProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<IDeduplicationOutput> {
		const { row } = await this.read(scope, context);
		const known = new Set(row?.data ?? []);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			(known.has(ProcessedDataStore.hash(item)) ? output.processed : output.new).push(item);
		}
		return output;
	}

	async checkProcessedAndRecord(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
		options: ICheckProcessedOptions,
	): Promise<IDeduplicationOutput> {
		const { key, row } = await this.read(scope, context);
		if (row && row.mode !== options.mode) throw new Error('incompatible mode');
		const data = row?.data ?? [];
		const known = new Set(data);
		const output: IDeduplicationOutput = { new: [], processed: [] };
		for (const item of items) {
			const hash = ProcessedDataStore.hash(item);
			if (known.has(hash)) output.processed.push(item);
			else {
				output.new.push(item);
				data.push(hash);
			}
		}
		if (options.maxEntries) data.splice(0, data.length - options.maxEntries);
		if (this.undoNextRecords > 0) this.undoNextRecords--;
		else this.rows.set(key, { mode: options.mode, data });
		return output;
	}

	async removeProcessed(
		items: DeduplicationItemTypes[],
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		const { key, row } = await this.read(scope, context);
		if (!row) return;
		for (const item of items) {
			const index = row.data.indexOf(ProcessedDataStore.hash(item));
			if (index !== -1) row.data.splice(index, 1);
		}
		this.rows.set(key, row);
	}

	async clearAllProcessedItems(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<void> {
		this.rows.delete(ProcessedDataStore.rowKey(scope, context));
	}

	async getProcessedDataCount(
		scope: DeduplicationScope,
		context: ICheckProcessedContextData,
	): Promise<number> {
		const { row } = await this.read(scope, context);
		return row?.data.length ?? 0;
	}

	/** Whether the store holds `value` for a workflow (any scope). */
	holds(workflowId: string, value: string): boolean {
		const hash = ProcessedDataStore.hash(value);
		for (const [key, row] of this.rows) {
			if (key.startsWith(`${workflowId}|`) && row.data.includes(hash)) return true;
		}
		return false;
	}
}

/** The store every engine test's n8n uses, shared by all "processes" of one test file. */
export const processedData = new ProcessedDataStore();

let initialised = false;

export async function initProcessedData(): Promise<void> {
	if (initialised) return;
	initialised = true;
	await DataDeduplicationService.init(processedData);
}
