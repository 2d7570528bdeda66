/** Pagination (offset/limit), sorting (order-by) and envelopes shared by every GET route. */
import { ApiError, type ApiResponse } from './errors';
import type { Row } from './models';

export interface OrderBy {
	field: string;
	direction: 'asc' | 'desc';
}

export interface ListParams {
	offset: number;
	limit: number;
	orderBy: OrderBy[];
}

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 250;
const DEFAULT_ORDER: OrderBy[] = [{ field: 'created_at', direction: 'desc' }];

export function parseListParams(
	query: Record<string, string>,
	sortable: readonly string[],
): ListParams {
	return {
		offset: parseInteger(query, 'offset', 0, Number.MAX_SAFE_INTEGER) ?? 0,
		limit: parseInteger(query, 'limit', 0, MAX_LIMIT) ?? DEFAULT_LIMIT,
		orderBy: parseOrderBy(query['order-by'], sortable),
	};
}

function parseInteger(
	query: Record<string, string>,
	name: string,
	min: number,
	max: number,
): number | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	const value = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(value) || value < min || value > max) {
		const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			`Query parameter ${name} must be an integer ${range}`,
			{
				[name]: `Expected an integer ${range}, received '${raw}'`,
			},
		);
	}
	return value;
}

function parseOrderBy(raw: string | undefined, sortable: readonly string[]): OrderBy[] {
	if (raw === undefined || raw.trim() === '') return DEFAULT_ORDER;
	return raw.split(',').map((part) => {
		const [field, direction = 'asc', ...rest] = part.trim().split(':');
		if (!sortable.includes(field)) {
			throw new ApiError(400, 'VALIDATION_ERROR', `Cannot order by unknown field '${field}'`, {
				'order-by': `Unknown field '${field}'`,
			});
		}
		if ((direction !== 'asc' && direction !== 'desc') || rest.length > 0) {
			throw new ApiError(400, 'VALIDATION_ERROR', `Invalid order-by direction in '${part}'`, {
				'order-by': 'Use field:asc or field:desc',
			});
		}
		return { field, direction };
	});
}

/** Fields of a record that can be sorted on (scalar values). */
export function sortableFields(sample: Row): string[] {
	return Object.keys(sample).filter((k) => sample[k] === null || typeof sample[k] !== 'object');
}

function compareValues(a: unknown, b: unknown): number {
	if (a === b) return 0;
	if (a === null || a === undefined) return -1;
	if (b === null || b === undefined) return 1;
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a) < String(b) ? -1 : 1;
}

export function sortRows<T extends Row>(rows: T[], orderBy: OrderBy[]): T[] {
	return [...rows].sort((a, b) => {
		for (const { field, direction } of orderBy) {
			const c = compareValues(a[field], b[field]);
			if (c !== 0) return direction === 'asc' ? c : -c;
		}
		return compareValues(a.id, b.id); // stable tie-break so pages never overlap
	});
}

/** `{ meta: { offset, limit, orderBy, hasMore, total }, results: [...] }` */
export function listEnvelope<T extends Row>(rows: T[], params: ListParams): ApiResponse {
	const sorted = sortRows(rows, params.orderBy);
	const results = sorted.slice(params.offset, params.offset + params.limit);
	return {
		status: 200,
		body: {
			meta: {
				offset: params.offset,
				limit: params.limit,
				orderBy: params.orderBy,
				hasMore: params.offset + results.length < sorted.length,
				total: sorted.length,
			},
			results,
		},
	};
}

/** By-ID envelope: `{ meta, results: {...} }` (results is an object). 404 when missing. */
export function byIdEnvelope(row: Row | undefined, what: string, id: string): ApiResponse {
	if (!row) throw new ApiError(404, 'NOT_FOUND', `${what} with id '${id}' not found`);
	return {
		status: 200,
		body: {
			meta: { offset: 0, limit: 1, orderBy: DEFAULT_ORDER, hasMore: false, total: 1 },
			results: row,
		},
	};
}

export function parseBooleanParam(
	query: Record<string, string>,
	name: string,
): boolean | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	throw new ApiError(400, 'VALIDATION_ERROR', `Query parameter ${name} must be true or false`, {
		[name]: `Expected a boolean, received '${raw}'`,
	});
}

/**
 * ISO 8601 date or date-time query parameter as epoch ms. A bare date (YYYY-MM-DD) used as an
 * upper bound covers the whole day (inclusive end).
 */
export function parseDateParam(
	query: Record<string, string>,
	name: string,
	bound: 'start' | 'end',
): number | undefined {
	const raw = query[name];
	if (raw === undefined || raw === '') return undefined;
	const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(raw);
	const ms = Date.parse(dateOnly ? `${raw}T00:00:00.000Z` : raw);
	if (!/^\d{4}-\d{2}-\d{2}/.test(raw) || Number.isNaN(ms)) {
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			`Query parameter ${name} must be an ISO 8601 date`,
			{
				[name]: `Expected an ISO 8601 date or date-time, received '${raw}'`,
			},
		);
	}
	return dateOnly && bound === 'end' ? ms + 86_399_999 : ms;
}

/** Keep rows whose `field` equals the query value, when the query parameter is given. */
export function filterEquals<T extends Row>(
	rows: T[],
	query: Record<string, string>,
	param: string,
	field: string = param,
): T[] {
	const value = query[param];
	return value === undefined || value === '' ? rows : rows.filter((r) => r[field] === value);
}
