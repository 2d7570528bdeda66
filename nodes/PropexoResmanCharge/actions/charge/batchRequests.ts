import type { IDataObject } from 'n8n-workflow';

import { itemList } from '../../../shared/writes/accounting';
import type { PreparedItem, WriteUnit } from '../../../shared/writes/spec';

/** What one request may hold together: Propexo takes the charges of one property per request. */
export function propertyKey({ record }: PreparedItem): string {
	return JSON.stringify([record.integration_id, record.property_id]);
}

function sendable(record: IDataObject): IDataObject {
	const charge = { ...record };
	delete charge.integration_id;
	delete charge.property_id;
	return charge;
}

function distinct(items: PreparedItem[], field: string): string {
	return [...new Set(items.map((item) => String(item.record[field])))].join(', ');
}

function references(items: PreparedItem[]): string {
	const all = items.map((item) => String(item.record.reference_number));
	return all.length <= 3
		? all.join(', ')
		: `${all.slice(0, 3).join(', ')} and ${all.length - 3} more`;
}

/** One request: the charges of one property, the integration once, no property field. */
export function toBatch(items: PreparedItem[]): WriteUnit {
	const [{ record }] = items;
	const charges = items.length === 1 ? '1 charge' : `${items.length} charges`;
	const indexes = items.map((item) => item.itemIndex);
	return {
		items,
		body: {
			integration_id: record.integration_id,
			charges: items.map((item) => sendable(item.record)),
		},
		subject: `the batch of ${charges} for property ${String(record.property_id)} (references ${references(items)})`,
		howToCheck: `Do not run these items again before checking: the whole request of ${charges} (items ${itemList(indexes)}) may already be in ResMan. Look in ResMan → Partner Transactions for batch ${distinct(items, 'batch_id')} at property ${String(record.property_id)}, references ${distinct(items, 'reference_number')}. If you have the request's job ID, use Write Status → Get.`,
	};
}
