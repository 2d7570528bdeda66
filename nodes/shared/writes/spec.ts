import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { FieldContext } from '../validation/fields';
import type { ReadParameter } from '../validation/parameterReader';
import type { NodeError } from '../errors';
import type { WriteNoun } from './outcomes';
import type { WriteSettings } from './settings';

/** One checked input item: the record it writes. */
export interface CheckedItem {
	itemIndex: number;
	record: IDataObject;
}

/** A checked item ready to send, with what makes it the same write as another. */
export interface PreparedItem extends CheckedItem {
	identity: RecordIdentity;
}

/** One request: a single record, or a batch of records sent together. */
export interface WriteUnit {
	items: PreparedItem[];
	body: IDataObject;
	/** Names the unit in messages, e.g. "the payment (reference PMT-1)". */
	subject: string;
	/** How to check whether the unit went through when its outcome is unknown. */
	howToCheck: string;
}

/** What one write operation (Create payment, Create charge, Create charges in batch) is. */
export interface WriteSpec {
	noun: WriteNoun;
	url: string;
	/** A batched write: the top-level parameter holding how many records one request carries. */
	batchSizeParameter?: string;
	/**
	 * Resolves and checks one item's parameters (`field.itemIndex`) with `read`; throws a
	 * NodeOperationError for bad input.
	 */
	prepare(read: ReadParameter, field: FieldContext): IDataObject;
	/**
	 * Looks up what the checked items name indirectly (a resident by email, …) before anything is
	 * sent. Returns, per item it changed, its new record and facts for its output item, or why it
	 * cannot be sent; items it leaves out are sent as they are.
	 */
	resolve?(this: IExecuteFunctions, items: CheckedItem[]): Promise<Map<number, Resolution>>;
	/** Groups checked items into requests, in input order. */
	toUnits(items: PreparedItem[], settings: WriteSettings): WriteUnit[];
	/**
	 * A unit's failure as its item number `index` reports it. Without it every item of the unit
	 * carries the unit's error; a batch uses it to name the item and what Propexo said about it.
	 */
	itemError?(this: IExecuteFunctions, unit: WriteUnit, index: number, error: NodeError): NodeError;
}

/** One item after `WriteSpec.resolve`: `notSent` when a lookup failed, not the input. */
export type Resolution =
	{ record: IDataObject; facts: IDataObject } | { error: NodeError; notSent?: boolean };

/** ResMan refuses a second record with the same reference number in a batch of an integration. */
export interface RecordIdentity {
	integrationId: string;
	batchId: string;
	referenceNumber: string;
	amountInCents: number;
	residentId: string;
}
