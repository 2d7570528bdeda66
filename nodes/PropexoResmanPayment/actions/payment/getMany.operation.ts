import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toIsoUtc } from '../../../shared/helpers/dates';
import { failItem, pairedItems } from '../../../shared/helpers/itemResults';
import { integrationLocator } from '../../../shared/locators';
import { propexoRequest } from '../../../shared/transport';
import { userRequestOptions } from '../../../shared/transport/userRequestOptions';

const showForGetMany = { show: { operation: ['getMany'] } };
const query = (property: string) => ({ send: { type: 'query' as const, property } });

const MAX_PAGE_SIZE = 250;
const DATE_FILTERS = [
	'transaction_date_start',
	'transaction_date_end',
	'updated_at_gte',
	'updated_at_lte',
];

export const description: INodeProperties[] = [
	{
		...integrationLocator,
		description: 'The ResMan integration whose resident payments to read',
		displayOptions: showForGetMany,
		routing: query('integration_id'),
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'Propexo bills by records returned: prefer filters and a limit',
		displayOptions: showForGetMany,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1 },
		description: 'Max number of results to return',
		displayOptions: { show: { operation: ['getMany'], returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: showForGetMany,
		options: [
			{
				displayName: 'Lease ID',
				name: 'leaseId',
				type: 'string',
				default: '',
				description: 'Only payments on this Propexo lease',
				routing: query('lease_id'),
			},
			{
				displayName: 'Property ID',
				name: 'propertyId',
				type: 'string',
				default: '',
				description: 'Only payments at this Propexo property',
				routing: query('property_id'),
			},
			{
				displayName: 'Resident ID',
				name: 'residentId',
				type: 'string',
				default: '',
				description: 'Only payments of this Propexo resident',
				routing: query('resident_id'),
			},
			{
				displayName: 'Transaction Date From',
				name: 'transactionDateFrom',
				type: 'dateTime',
				default: '',
				description: 'Only payments made on or after this date',
				routing: query('transaction_date_start'),
			},
			{
				displayName: 'Transaction Date To',
				name: 'transactionDateTo',
				type: 'dateTime',
				default: '',
				description: 'Only payments made on or before this date',
				routing: query('transaction_date_end'),
			},
			{
				displayName: 'Updated After',
				name: 'updatedAfter',
				type: 'dateTime',
				default: '',
				description:
					'Only payments Propexo updated at or after this time (e.g. since the last run)',
				routing: query('updated_at_gte'),
			},
			{
				displayName: 'Updated Before',
				name: 'updatedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only payments Propexo updated at or before this time',
				routing: query('updated_at_lte'),
			},
		],
	},
];

/** Reads resident payments page by page (offset/limit, at most 250 a page) until done. */
export async function getManyPayments(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	let qs: IDataObject;
	try {
		qs = filtersFrom.call(this, (requestData.options.qs ?? {}) as IDataObject);
	} catch (error) {
		return failItem(this, error);
	}
	const returnAll = this.getNodeParameter('returnAll', false) as boolean;
	const wanted = returnAll ? Infinity : Math.max(1, Number(this.getNodeParameter('limit', 50)));

	const payments: IDataObject[] = [];
	try {
		let offset = 0;
		while (payments.length < wanted) {
			const limit = Math.min(MAX_PAGE_SIZE, wanted - payments.length);
			const response = await propexoRequest.call(this, {
				method: 'GET',
				url: String(requestData.options.url),
				qs: { ...qs, offset, limit },
				base: userRequestOptions(requestData.options),
				errorContext: { itemIndex, subject: 'resident payments' },
			});
			const body = (response.body ?? {}) as { results?: IDataObject[]; meta?: IDataObject };
			const page = Array.isArray(body.results) ? body.results : [];
			payments.push(...page);
			if (page.length === 0 || body.meta?.hasMore !== true) break;
			offset += page.length;
		}
	} catch (error) {
		return failItem(this, error);
	}
	return pairedItems(this, payments.slice(0, wanted));
}

/** The query filters with empty ones dropped and dates in ISO 8601 UTC. */
function filtersFrom(this: IExecutePaginationFunctions, raw: IDataObject): IDataObject {
	const itemIndex = this.getItemIndex();
	const qs: IDataObject = {};
	for (const [key, value] of Object.entries(raw)) {
		if (value === undefined || value === null || value === '') continue;
		if (!DATE_FILTERS.includes(key)) {
			qs[key] = typeof value === 'string' ? value.trim() : value;
			continue;
		}
		const iso = toIsoUtc(value, this.getTimezone());
		if (!iso) {
			throw new NodeOperationError(
				this.getNode(),
				`Filters: "${String(value)}" is not a date [item ${itemIndex}]`,
				{ itemIndex, description: 'Pick a date, or map an ISO 8601 date such as 2026-11-01.' },
			);
		}
		qs[key] = iso;
	}
	if (!qs.integration_id) {
		throw new NodeOperationError(this.getNode(), `Integration: is empty [item ${itemIndex}]`, {
			itemIndex,
			description: 'Pick the ResMan integration whose payments to read.',
		});
	}
	return qs;
}
