import type { IDataObject } from 'n8n-workflow';

import type { WriteNoun } from './outcomes';
import type { PreparedItem, RecordIdentity, WriteUnit } from './spec';

/**
 * One request per record, the record as its body. `statusOperation` names where the user reads
 * a write's status in this node, e.g. "the Get Write Status operation".
 */
export function oneRecordEach(
	noun: WriteNoun,
	statusOperation: string,
): (items: PreparedItem[]) => WriteUnit[] {
	return (items) =>
		items.map((item) => ({
			items: [item],
			body: item.record,
			subject: `the ${noun.one} (reference ${String(item.record.reference_number)})`,
			howToCheck: `Do not run this item again before checking: the ${noun.one} may already be in ResMan. Look for reference number ${String(item.record.reference_number)} in batch ${String(item.record.batch_id)} (ResMan → Partner Transactions), or, if you have its job ID, use ${statusOperation}.`,
		}));
}

/** The ledger key fields of a ResMan transaction record (payment or charge). */
export function identifyByReference(record: IDataObject): RecordIdentity {
	return {
		integrationId: String(record.integration_id),
		batchId: String(record.batch_id),
		referenceNumber: String(record.reference_number),
		amountInCents: Number(record.amount_in_cents),
		residentId: String(record.resident_id),
	};
}
