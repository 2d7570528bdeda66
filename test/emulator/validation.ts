/** Request-body validation for the ResMan write endpoints (docs/propexo-api.md). */
import { ApiError } from './errors';
import { PAYMENT_TYPES } from './seed-catalog';

export type FieldSpec =
	'string' | 'integer' | 'date-time' | 'non-empty-array' | { enum: readonly string[] };

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

/** One item of a batch charge: the single-charge body without `integration_id`. */
export const CHARGE_ITEM_FIELDS: Record<string, FieldSpec> = {
	resident_id: 'string',
	charge_code_id: 'string',
	batch_id: 'string',
	transaction_date: 'date-time',
	description: 'string',
	notes: 'string',
	amount_in_cents: 'integer',
	reference_number: 'string',
};

export const CHARGE_FIELDS: Record<string, FieldSpec> = {
	integration_id: 'string',
	...CHARGE_ITEM_FIELDS,
};

export const CHARGE_BATCH_FIELDS: Record<string, FieldSpec> = {
	integration_id: 'string',
	charges: 'non-empty-array',
};

// A 500-charge batch can have thousands of problems; details has them all.
const MESSAGE_PROBLEMS = 10;

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
	if (spec === 'non-empty-array') {
		if (!Array.isArray(value)) {
			return `'${name}' must be an array, received ${value === null ? 'null' : typeof value}`;
		}
		return value.length === 0 ? `'${name}' must contain at least 1 item` : undefined;
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
 * Problems of one JSON object against `fields`, keyed by `${prefix}${field}` (the prefix names a
 * batch item, e.g. `charges[3].`): every field required, types checked, unknown fields reported
 * unless ignored.
 */
function fieldProblems(
	input: Record<string, unknown>,
	fields: Record<string, FieldSpec>,
	ignoreUnknownFields: boolean,
	prefix = '',
): Record<string, string> {
	const problems: Record<string, string> = {};
	for (const [name, spec] of Object.entries(fields)) {
		const problem = checkField(prefix + name, spec, input[name]);
		if (problem) problems[prefix + name] = problem;
	}
	if (!ignoreUnknownFields) {
		for (const name of Object.keys(input)) {
			if (!(name in fields)) problems[prefix + name] = `'${prefix + name}' is not an allowed field`;
		}
	}
	return problems;
}

/** Throws 400 VALIDATION_ERROR listing every problem (the message shows the first few). */
function throwIfProblems(problems: Record<string, string>): void {
	const messages = Object.values(problems);
	if (messages.length === 0) return;
	const shown = messages.slice(0, MESSAGE_PROBLEMS);
	const more = messages.length - shown.length;
	throw new ApiError(
		400,
		'VALIDATION_ERROR',
		`Invalid request body: ${shown.join('; ')}${more > 0 ? ` (and ${more} more)` : ''}`,
		problems,
	);
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Validates a parsed JSON body against `fields` (see fieldProblems; unknown fields are dropped
 * with ?ignore_unknown_fields=true). Returns the clean input in `fields` order.
 */
export function validateBody(
	body: unknown,
	fields: Record<string, FieldSpec>,
	ignoreUnknownFields: boolean,
): Record<string, unknown> {
	const input = validateShape(body);
	throwIfProblems(fieldProblems(input, fields, ignoreUnknownFields));
	return pick(input, fields);
}

function validateShape(body: unknown): Record<string, unknown> {
	if (!isJsonObject(body)) {
		throw new ApiError(400, 'VALIDATION_ERROR', 'Request body must be a JSON object', {
			body: 'Expected a JSON object',
		});
	}
	return body;
}

function pick(
	input: Record<string, unknown>,
	fields: Record<string, FieldSpec>,
): Record<string, unknown> {
	return Object.fromEntries(Object.keys(fields).map((name) => [name, input[name]]));
}

export interface ChargeBatch {
	integration_id: string;
	charges: Record<string, unknown>[];
}

/**
 * Validates a batch body: `integration_id` and 1..maxBatchSize `charges`, each item checked like
 * a single charge (without `integration_id`), problems keyed `charges[i].field`. Too many items
 * is 400 BATCH_TOO_LARGE, checked before the items.
 */
export function validateChargeBatch(
	body: unknown,
	ignoreUnknownFields: boolean,
	maxBatchSize: number,
): ChargeBatch {
	const top = validateShape(body);
	const charges = top.charges;
	if (Array.isArray(charges) && charges.length > maxBatchSize) {
		throw new ApiError(
			400,
			'BATCH_TOO_LARGE',
			`A batch can hold at most ${maxBatchSize} charges; received ${charges.length}`,
			{ charges: `Expected at most ${maxBatchSize} items, received ${charges.length}` },
		);
	}
	const problems = fieldProblems(top, CHARGE_BATCH_FIELDS, ignoreUnknownFields);
	const items = Array.isArray(charges) ? (charges as unknown[]) : [];
	items.forEach((item, i) => {
		if (isJsonObject(item)) {
			Object.assign(
				problems,
				fieldProblems(item, CHARGE_ITEM_FIELDS, ignoreUnknownFields, `charges[${i}].`),
			);
		} else {
			problems[`charges[${i}]`] = `'charges[${i}]' must be a JSON object`;
		}
	});
	throwIfProblems(problems);
	return {
		integration_id: String(top.integration_id),
		charges: items.map((item) => pick(item as Record<string, unknown>, CHARGE_ITEM_FIELDS)),
	};
}
