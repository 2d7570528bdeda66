/** Request-body validation for the ResMan write endpoints (contract §2.2, §2.3). */
import { ApiError } from './errors';
import { PAYMENT_TYPES } from './seed-catalog';

type FieldSpec = 'string' | 'integer' | 'date-time' | { enum: readonly string[] };

export const PAYMENT_FIELDS: Record<string, FieldSpec> = {
	integration_id: 'string',
	resident_id: 'string',
	payment_type: { enum: Object.keys(PAYMENT_TYPES) },
	batch_id: 'string',
	transaction_date: 'date-time',
	description: 'string',
	notes: 'string',
	amount_in_cents: 'integer',
	reference_number: 'string',
};

export const CHARGE_FIELDS: Record<string, FieldSpec> = {
	integration_id: 'string',
	resident_id: 'string',
	charge_code_id: 'string',
	batch_id: 'string',
	transaction_date: 'date-time',
	description: 'string',
	notes: 'string',
	amount_in_cents: 'integer',
	reference_number: 'string',
};

const DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** ISO 8601 date-time with a real calendar date; a bare date is rejected. */
export function isIsoDateTime(value: string): boolean {
	const m = DATE_TIME.exec(value);
	if (!m || Number.isNaN(Date.parse(value))) return false;
	const [y, mo, d, h, mi, s] = m.slice(1, 7).map((v) => Number(v ?? 0));
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h < 24 && mi < 60 && s < 60;
}

function checkField(name: string, spec: FieldSpec, value: unknown): string | undefined {
	if (value === undefined) return `'${name}' is required`;
	if (spec === 'integer') {
		if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
			return `'${name}' must be an integer number of cents (e.g. 125000 for $1,250.00), received ${JSON.stringify(value)}`;
		}
		return undefined;
	}
	if (typeof value !== 'string') {
		return `'${name}' must be a string, received ${value === null ? 'null' : typeof value}`;
	}
	if (spec === 'date-time' && !isIsoDateTime(value)) {
		return `'${name}' must be an ISO 8601 date-time such as 2026-03-01T00:00:00Z, received '${value}'`;
	}
	if (typeof spec === 'object' && !spec.enum.includes(value)) {
		return `'${name}' must be one of ${spec.enum.join(', ')}; received '${value}'`;
	}
	return undefined;
}

/**
 * Validates a parsed JSON body against `fields`: every field required, types checked, unknown
 * fields rejected (or dropped with ?ignore_unknown_fields=true). Returns the clean input.
 */
export function validateBody(
	body: unknown,
	fields: Record<string, FieldSpec>,
	ignoreUnknownFields: boolean,
): Record<string, unknown> {
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		throw new ApiError(400, 'VALIDATION_ERROR', 'Request body must be a JSON object', {
			body: 'Expected a JSON object',
		});
	}
	const input = body as Record<string, unknown>;
	const problems: Record<string, string> = {};
	for (const [name, spec] of Object.entries(fields)) {
		const problem = checkField(name, spec, input[name]);
		if (problem) problems[name] = problem;
	}
	if (!ignoreUnknownFields) {
		for (const name of Object.keys(input)) {
			if (!(name in fields)) problems[name] = `'${name}' is not an allowed field`;
		}
	}
	const messages = Object.values(problems);
	if (messages.length > 0) {
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			`Invalid request body: ${messages.join('; ')}`,
			problems,
		);
	}
	return Object.fromEntries(Object.keys(fields).map((name) => [name, input[name]]));
}
