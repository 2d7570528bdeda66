import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { NodeError } from '../errors';
import type { WriteNoun } from './outcomes';
import type { PreparedItem, WriteUnit } from './spec';
import { apiError, operationError } from '../errors';

/**
 * Splits checked items into batches of at most `size` whose records share a key (what one
 * request may mix), keeping input order inside each batch; batches follow their first item.
 */
export function chunkByKey(
	items: PreparedItem[],
	keyOf: (item: PreparedItem) => string,
	size: number,
): PreparedItem[][] {
	const groups = new Map<string, PreparedItem[]>();
	for (const item of items) {
		const key = keyOf(item);
		const group = groups.get(key);
		if (group) group.push(item);
		else groups.set(key, [item]);
	}
	const batches: PreparedItem[][] = [];
	for (const group of groups.values()) {
		for (let start = 0; start < group.length; start += size) {
			batches.push(group.slice(start, start + size));
		}
	}
	return batches;
}

/** Positions `list[k]` that Propexo's message or details name, within the batch's size. */
function namedPositions(error: NodeError, list: string, count: number): number[] {
	const text = [error.message, error.description ?? ''].join('\n');
	const pattern = new RegExp(`\\b${list}\\[(\\d+)\\]`, 'g');
	const named = new Set<number>();
	for (const match of text.matchAll(pattern)) {
		const position = Number(match[1]);
		if (position < count) named.add(position);
	}
	return [...named].sort((a, b) => a - b);
}

/**
 * A batch's failure as one of its items reports it: the item's own number, and, when Propexo
 * names records by their place in the request (`charges[2]`), whether it named this one.
 */
export function batchItemError(
	node: INode,
	unit: WriteUnit,
	index: number,
	error: NodeError,
	batch: { list: string; noun: WriteNoun },
): NodeError {
	const itemIndex = unit.items[index].itemIndex;
	const named = namedPositions(error, batch.list, unit.items.length);
	let note = '';
	if (named.includes(index)) {
		note = `Propexo names this ${batch.noun.one}: it is ${batch.list}[${index}] of the request.`;
	} else if (named.length > 0) {
		const others = named.map((position) => unit.items[position].itemIndex).join(', ');
		note = `Propexo names item${named.length > 1 ? 's' : ''} ${others}, not this one (${batch.list}[${index}] of the request); this ${batch.noun.one} shares the outcome of its request.`;
	}
	const message = `${error.message} [item ${itemIndex}]`;
	const description = [note, error.description].filter(Boolean).join(' ');
	if (error instanceof NodeApiError) {
		return apiError(node, (error.errorResponse ?? {}) as JsonObject, {
			message,
			description,
			itemIndex,
			httpCode: error.httpCode ?? undefined,
		});
	}
	return operationError(node, message, { itemIndex, description });
}
