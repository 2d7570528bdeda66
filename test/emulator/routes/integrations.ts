/**
 * GET /v1/admin/integrations/ and GET /v1/admin/integrations/{integration_id}/
 * (docs/propexo-api.md).
 */
import {
	byIdEnvelope,
	filterEquals,
	listEnvelope,
	parseBooleanParam,
	parseListParams,
	sortableFields,
} from '../listing';
import type { Route } from '../router';
import { filterSyncDates } from './common';

export const integrationRoutes: Route[] = [
	{
		method: 'GET',
		pattern: '/v1/admin/integrations/',
		handler: ({ query, store }) => {
			const rows = store.seed.integrations;
			const params = parseListParams(query, sortableFields(rows[0]));
			// is_archived=true includes archived integrations; absent/false hides them.
			const includeArchived = parseBooleanParam(query, 'is_archived') === true;
			let result = includeArchived ? rows : rows.filter((i) => !i.is_archived);
			result = filterEquals(result, query, 'integration_vendor', 'vendor');
			return listEnvelope(filterSyncDates(result, query), params);
		},
	},
	{
		method: 'GET',
		pattern: '/v1/admin/integrations/{integration_id}/',
		handler: ({ params, store }) =>
			byIdEnvelope(
				store.integrations.get(params.integration_id),
				'Integration',
				params.integration_id,
			),
	},
];
