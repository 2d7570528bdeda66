import type { IDataObject } from 'n8n-workflow';

import type { FieldContext } from '../validation/fields';
import type { ReadParameter } from '../validation/parameterReader';
import type { WriteNoun } from './outcomes';

/** One checked input item: the record it writes. */
export interface PreparedItem {
	itemIndex: number;
	record: IDataObject;
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
	/** The collection parameter holding Wait for Confirmation, Validate Only and the like. */
	optionsParameter: string;
	/**
	 * Resolves and checks one item's parameters (`field.itemIndex`) with `read`; throws a
	 * NodeOperationError for bad input.
	 */
	prepare(read: ReadParameter, field: FieldContext): IDataObject;
	/** Groups checked items into requests, in input order. */
	toUnits(items: PreparedItem[]): WriteUnit[];
	/** The ledger's key of a record: what makes two records the same write. */
	identify(record: IDataObject): RecordIdentity;
}

/** ResMan refuses a second record with the same reference number in a batch of an integration. */
export interface RecordIdentity {
	integrationId: string;
	batchId: string;
	referenceNumber: string;
	amountInCents: number;
	residentId: string;
}
