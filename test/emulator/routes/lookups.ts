/** Properties, residents and charge codes: the dropdown lookups (docs/propexo-api.md). */
import {
	byIdEnvelope,
	filterEquals,
	listEnvelope,
	parseBooleanParam,
	parseListParams,
	sortableFields,
} from '../listing';
import { ApiError } from '../errors';
import type { Route } from '../router';
import { assertPhoneParam, filterSyncDates } from './common';

export const lookupRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v1/properties/',
		handler: ({ query, store }) => {
			const rows = store.seed.properties;
			const params = parseListParams(query, sortableFields(rows[0]));
			let result = rows;
			for (const f of ['x_id', 'x_property_id', 'integration_id', 'integration_vendor']) {
				result = filterEquals(result, query, f);
			}
			const active = parseBooleanParam(query, 'is_active');
			if (active !== undefined) result = result.filter((p) => p.is_active === active);
			return listEnvelope(filterSyncDates(result, query), params);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/properties/{property_id}',
		handler: ({ params, store }) =>
			byIdEnvelope(store.properties.get(params.property_id), 'Property', params.property_id),
	},
	{
		method: 'GET',
		pattern: '/v1/residents/',
		handler: ({ query, store }) => {
			const rows = store.seed.residents;
			const params = parseListParams(query, sortableFields(rows[0]));
			assertPhoneParam(query);
			let result = rows;
			for (const f of ['x_id', 'property_id', 'integration_id', 'integration_vendor', 'phone_1']) {
				result = filterEquals(result, query, f);
			}
			if (query.email_1) {
				const email = query.email_1.toLowerCase();
				result = result.filter((r) => r.email_1?.toLowerCase() === email);
			}
			if (query.lease_id) {
				result = result.filter((r) =>
					r.leases_meta_data.some((l) => l.lease_id === query.lease_id),
				);
			}
			return listEnvelope(filterSyncDates(result, query), params);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/residents/{resident_id}',
		handler: ({ params, store }) =>
			byIdEnvelope(store.residents.get(params.resident_id), 'Resident', params.resident_id),
	},
	{
		method: 'GET',
		pattern: '/v1/leases/',
		handler: ({ query, store }) => {
			const rows = store.seed.leases;
			const params = parseListParams(query, sortableFields(rows[0]));
			if (query.unit_number && !query.property_id) {
				throw new ApiError(400, 'VALIDATION_ERROR', 'unit_number requires property_id');
			}
			let result = rows;
			for (const f of [
				'x_id',
				'unit_id',
				'property_id',
				'integration_id',
				'integration_vendor',
				'status_normalized',
				'status_raw',
				'unit_number',
			]) {
				result = filterEquals(result, query, f);
			}
			if (query.resident_id) {
				result = result.filter((l) =>
					l.residents_meta_data.some((r) => r.resident_id === query.resident_id),
				);
			}
			if (parseBooleanParam(query, 'only_null_move_outs') === true) {
				result = result.filter((l) => l.residents_meta_data.every((r) => !r.move_out_date));
			}
			return listEnvelope(filterSyncDates(result, query), params);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/leases/{lease_id}',
		handler: ({ params, store }) =>
			byIdEnvelope(
				store.seed.leases.find((l) => l.id === params.lease_id),
				'Lease',
				params.lease_id,
			),
	},
	{
		method: 'GET',
		pattern: '/v1/charge-codes/',
		handler: ({ query, store }) => {
			const rows = store.seed.chargeCodes;
			const params = parseListParams(query, sortableFields(rows[0]));
			let result = rows;
			for (const f of ['property_id', 'integration_id', 'integration_vendor']) {
				result = filterEquals(result, query, f);
			}
			return listEnvelope(filterSyncDates(result, query), params);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/charge-codes/{charge_code_id}',
		handler: ({ params, store }) =>
			byIdEnvelope(
				store.chargeCodes.get(params.charge_code_id),
				'Charge code',
				params.charge_code_id,
			),
	},
];
