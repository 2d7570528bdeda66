import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { forEachItem } from './readOne';
import { integrationLocator } from '../locators';
import { propexoRequest } from '../transport';
import { readRequestOptions } from '../transport/requestOptions';
import { toIsoUtc } from '../validation/dates';
import { operationError } from '../errors';

import { MAX_PAGE_SIZE } from './pages';

/** One list filter: the node's option name and the query parameter Propexo reads. */
export interface Filter {
	option: INodeProperties;
	query: string;
	isDate?: boolean;
}

export function textFilter(
	name: string,
	displayName: string,
	query: string,
	description: string,
): Filter {
	return {
		option: { displayName, name, type: 'string' as const, default: '', description },
		query,
	};
}

function dateFilter(name: string, displayName: string, query: string, description: string) {
	return {
		option: { displayName, name, type: 'dateTime' as const, default: '', description },
		query,
		isDate: true,
	};
}

/** The filters of resident payments and resident charges (the same on both lists). */
export function transactionFilters(many: string): Filter[] {
	return [
		textFilter('leaseId', 'Lease ID', 'lease_id', `Only ${many} on this Propexo lease`),
		textFilter('propertyId', 'Property ID', 'property_id', `Only ${many} at this Propexo property`),
		textFilter('residentId', 'Resident ID', 'resident_id', `Only ${many} of this Propexo resident`),
		dateFilter(
			'transactionDateFrom',
			'Transaction Date From',
			'transaction_date_start',
			`Only ${many} made on or after this date`,
		),
		dateFilter(
			'transactionDateTo',
			'Transaction Date To',
			'transaction_date_end',
			`Only ${many} made on or before this date`,
		),
		dateFilter(
			'updatedAfter',
			'Updated After',
			'updated_at_gte',
			`Only ${many} Propexo updated at or after this time (e.g. since the last run)`,
		),
		dateFilter(
			'updatedBefore',
			'Updated Before',
			'updated_at_lte',
			`Only ${many} Propexo updated at or before this time`,
		),
	];
}

/** Integration, Return All, Limit and Filters of a Get Many operation. */
export function listProperties(many: string, filters: Filter[]): INodeProperties[] {
	return [
		{ ...integrationLocator, description: `The ResMan integration whose ${many} to read` },
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			hint: 'Propexo bills by records returned: prefer filters and a limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1 },
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'collection',
			placeholder: 'Add Filter',
			default: {},
			options: filters.map((filter) => filter.option),
		},
	];
}

/**
 * Reads a list for each input item, page by page (offset/limit, at most 250 a page) until
 * Propexo says there is no more, or the Limit is reached.
 */
export async function readList(
	this: IExecuteFunctions,
	url: string,
	many: string,
	filters: Filter[],
): Promise<INodeExecutionData[]> {
	return await forEachItem.call(this, async (itemIndex) => {
		const qs = queryOf.call(this, itemIndex, filters);
		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const wanted = returnAll
			? Infinity
			: Math.max(1, Number(this.getNodeParameter('limit', itemIndex, 50)));
		const base = readRequestOptions.call(this);
		const records: IDataObject[] = [];
		let offset = 0;
		while (records.length < wanted) {
			const limit = Math.min(MAX_PAGE_SIZE, wanted - records.length);
			const response = await propexoRequest.call(this, {
				method: 'GET',
				url,
				qs: { ...qs, offset, limit },
				base,
				signal: this.getExecutionCancelSignal(),
				errorContext: { itemIndex, subject: many },
			});
			const body = (response.body ?? {}) as { results?: IDataObject[]; meta?: IDataObject };
			const page = Array.isArray(body.results) ? body.results : [];
			for (const record of page) records.push(record);
			if (page.length === 0 || body.meta?.hasMore !== true) break;
			offset += page.length;
		}
		if (records.length > wanted) records.length = wanted;
		return records;
	});
}

/** The query of one item: integration, then the filters set, dates in ISO 8601 UTC. */
function queryOf(this: IExecuteFunctions, itemIndex: number, filters: Filter[]): IDataObject {
	const fail = (message: string, description: string) =>
		operationError(this.getNode(), `${message} [item ${itemIndex}]`, {
			itemIndex,
			description,
		});
	const integration = this.getNodeParameter('integrationId', itemIndex, '', {
		extractValue: true,
	});
	if (typeof integration !== 'string' || integration.trim() === '') {
		throw fail('Integration: is empty', 'Pick the ResMan integration whose records to read.');
	}
	const qs: IDataObject = { integration_id: integration.trim() };
	const set = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	for (const filter of filters) {
		const value = set[filter.option.name];
		if (value === undefined || value === null || value === '') continue;
		if (!filter.isDate) {
			qs[filter.query] = typeof value === 'string' ? value.trim() : value;
			continue;
		}
		const iso = toIsoUtc(value, this.getTimezone());
		if (!iso) {
			throw fail(
				`Filters → ${filter.option.displayName}: "${String(value)}" is not a date`,
				'Pick a date, or map an ISO 8601 date such as 2026-11-01.',
			);
		}
		qs[filter.query] = iso;
	}
	return qs;
}
