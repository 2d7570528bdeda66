/** Resident payments and resident charges: generic GETs (docs/propexo-api.md, Reads). */
import {
	byIdEnvelope,
	filterEquals,
	listEnvelope,
	parseDateParam,
	parseListParams,
	sortableFields,
} from '../listing';
import type { Row } from '../models';
import type { RequestContext, Route } from '../router';
import { filterSyncDates } from './common';

function listTransactions<T extends Row & { transaction_date: string | null }>(
	rows: T[],
	sortable: string[],
	{ query }: RequestContext,
) {
	const params = parseListParams(query, sortable);
	let result = rows;
	for (const f of [
		'property_id',
		'integration_id',
		'integration_vendor',
		'resident_id',
		'lease_id',
	]) {
		result = filterEquals(result, query, f);
	}
	const start = parseDateParam(query, 'transaction_date_start', 'start');
	const end = parseDateParam(query, 'transaction_date_end', 'end');
	if (start !== undefined || end !== undefined) {
		result = result.filter((r) => {
			const t = r.transaction_date ? Date.parse(r.transaction_date) : NaN;
			return (start === undefined || t >= start) && (end === undefined || t <= end);
		});
	}
	return listEnvelope(filterSyncDates(result, query), params);
}

export const transactionRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v1/resident-payments/',
		handler: (ctx) => listTransactions(ctx.store.payments(), paymentSortable(ctx), ctx),
	},
	{
		method: 'GET',
		pattern: '/v1/resident-payments/{resident_payment_id}',
		handler: ({ params, store }) => {
			const id = params.resident_payment_id;
			return byIdEnvelope(
				store.payments().find((p) => p.id === id),
				'Resident payment',
				id,
			);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/resident-charges/',
		handler: (ctx) => listTransactions(ctx.store.charges(), chargeSortable(ctx), ctx),
	},
	{
		method: 'GET',
		pattern: '/v1/resident-charges/{resident_charge_id}',
		handler: ({ params, store }) => {
			const id = params.resident_charge_id;
			return byIdEnvelope(
				store.charges().find((c) => c.id === id),
				'Resident charge',
				id,
			);
		},
	},
];

function paymentSortable({ store }: RequestContext): string[] {
	return sortableFields(store.seed.payments[0]);
}

function chargeSortable({ store }: RequestContext): string[] {
	return sortableFields(store.seed.charges[0]);
}
