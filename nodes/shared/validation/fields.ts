import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toIsoUtc } from './dates';
import { operationError } from '../errors';

/** Where a value came from, so that a refusal names the item and the field. */
export interface FieldContext {
	node: INode;
	itemIndex: number;
	timezone: string;
}

export function invalidField(
	context: FieldContext,
	label: string,
	message: string,
	howToFix: string,
): NodeOperationError {
	return operationError(context.node, `${label}: ${message} [item ${context.itemIndex}]`, {
		itemIndex: context.itemIndex,
		description: `${howToFix} Nothing was sent for this item.`,
	});
}

function describeNonText(value: unknown): string | undefined {
	if (Array.isArray(value)) return 'is a list, not a single value';
	if (value !== null && typeof value === 'object') return 'is an object, not a single value';
	return undefined;
}

/**
 * A required text value: trimmed, never empty. A whole number is taken as its digits; in free
 * text (`prose`) any number is.
 */
export function requiredText(
	context: FieldContext,
	label: string,
	value: unknown,
	prose = false,
): string {
	if (typeof value === 'number') {
		// A big number has already lost digits (an ID of 20 digits mapped as a number).
		if (Number.isSafeInteger(value) || (prose && Number.isFinite(value))) return String(value);
		throw invalidField(
			context,
			label,
			`${String(value)} is a number that cannot be used as an ID`,
			`Numbers above 9007199254740991 or with a fraction lose digits. Map "${label}" as text, e.g. {{ String($json.id) }}, or better, keep it as text in the source.`,
		);
	}
	const nonText = describeNonText(value);
	if (nonText) {
		throw invalidField(
			context,
			label,
			nonText,
			`The expression for "${label}" returned ${JSON.stringify(value).slice(0, 80)}. Pick the field that holds the value, e.g. {{ $json.payment.reference }}.`,
		);
	}
	if (typeof value !== 'string' || value.trim() === '') {
		throw invalidField(
			context,
			label,
			'is empty',
			`ResMan requires this field. Fill in "${label}" or map it from an earlier node with an expression that has a value for this item.`,
		);
	}
	return value.trim();
}

/** A positive whole number of cents, from a number or a text of digits. */
export function positiveCents(context: FieldContext, label: string, value: unknown): number {
	let cents = Number.NaN;
	if (typeof value === 'number') cents = value;
	else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) cents = Number(value);
	if (Number.isSafeInteger(cents) && cents > 0) return cents;
	const nonText = describeNonText(value);
	throw invalidField(
		context,
		label,
		nonText ?? `"${String(value ?? '')}" is not a positive whole number of cents`,
		'Enter the amount in cents as a whole number: 12500 is $125.00. To convert dollars use an expression such as {{ Math.round($json.amount * 100) }}.',
	);
}

/** A date or date-time, returned as ISO 8601 UTC; without a zone it is read in the workflow's. */
export function isoDateTime(context: FieldContext, label: string, value: unknown): string {
	const iso = toIsoUtc(value, context.timezone);
	if (iso) return iso;
	const nonText = value instanceof Date ? undefined : describeNonText(value);
	throw invalidField(
		context,
		label,
		nonText ?? `"${String(value ?? '')}" is not a date between 1900 and 2100`,
		'Pick a date, or map an ISO 8601 date with a four-digit year, such as 2026-11-25 or 2026-11-25T14:30:00Z.',
	);
}

/** One of `allowed`, matched without regard to case or surrounding spaces; returns its spelling. */
export function oneOf<T extends string>(
	context: FieldContext,
	label: string,
	value: unknown,
	allowed: { values: readonly T[]; kind: string },
): T {
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	const match = allowed.values.find((option) => option.toLowerCase() === text);
	if (match) return match;
	throw invalidField(
		context,
		label,
		describeNonText(value) ?? `"${String(value ?? '')}" is not ${allowed.kind}`,
		`Use one of: ${allowed.values.join(', ')}.`,
	);
}
