/** Filters shared by list routes. */
import { ApiError } from '../errors';
import { parseDateParam } from '../listing';
import type { Row } from '../models';

/** `updated_at_gte/lte` and `last_seen_gte/lte` (live docs: available on every list). */
export function filterSyncDates<T extends Row>(rows: T[], query: Record<string, string>): T[] {
	const bounds: [string, string, 'start' | 'end'][] = [
		['updated_at_gte', 'updated_at', 'start'],
		['updated_at_lte', 'updated_at', 'end'],
		['last_seen_gte', 'last_seen', 'start'],
		['last_seen_lte', 'last_seen', 'end'],
	];
	let out = rows;
	for (const [param, field, bound] of bounds) {
		const limit = parseDateParam(query, param, bound);
		if (limit === undefined) continue;
		out = out.filter((r) => {
			const value = typeof r[field] === 'string' ? Date.parse(r[field] as string) : NaN;
			return bound === 'start' ? value >= limit : value <= limit;
		});
	}
	return out;
}

/** Throws a 400 when `phone_1` is not a 10-digit US number (spec pattern ^[2-9]\d{9}$). */
export function assertPhoneParam(query: Record<string, string>): void {
	const phone = query.phone_1;
	if (phone !== undefined && phone !== '' && !/^[2-9]\d{9}$/.test(phone)) {
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			'Query parameter phone_1 must be a 10-digit phone number',
			{
				phone_1: `Expected 10 digits matching ^[2-9]\\d{9}$, received '${phone}'`,
			},
		);
	}
}
