import type { INode } from 'n8n-workflow';

import type { FieldContext } from '../validation/fields';
import { invalidField } from '../validation/fields';

/** The Resident modes that name a resident by something other than Propexo's ID. */
export type LookupMode = 'resmanId' | 'email' | 'phone';

export const LOOKUP_MODES: readonly LookupMode[] = ['resmanId', 'email', 'phone'];

export const MODE_LABELS: Record<LookupMode, string> = {
	resmanId: 'ResMan resident ID',
	email: 'email',
	phone: 'phone',
};

/** The resident field Propexo filters and stores each kind of identifier in. */
export const MODE_FIELDS: Record<LookupMode, string> = {
	resmanId: 'x_id',
	email: 'email_1',
	phone: 'phone_1',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Propexo's phone_1 filter: ten digits, no leading 0 or 1 (North American numbers).
const PHONE = /^[2-9]\d{9}$/;

function isLookupMode(mode: unknown): mode is LookupMode {
	return LOOKUP_MODES.includes(mode as LookupMode);
}

/** The lookup mode a resource locator parameter is saved with, if it is one. */
export function lookupModeOf(node: INode, parameter = 'residentId'): LookupMode | undefined {
	const saved = node.parameters[parameter] as { mode?: unknown } | undefined;
	return isLookupMode(saved?.mode) ? saved.mode : undefined;
}

/** "(555) 201-0042", "+1 555.201.0042" → "5552010042"; undefined when it is not such a number. */
export function normalisePhone(value: string): string | undefined {
	if (!/^[\d\s().+-]+$/.test(value)) return undefined;
	let digits = value.replace(/\D/g, '');
	if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
	return PHONE.test(digits) ? digits : undefined;
}

/** The identifier as it is compared: a ResMan ID as typed, an email in lower case, 10 digits. */
export function normaliseIdentifier(mode: LookupMode, value: string): string | undefined {
	const text = value.trim();
	if (!text) return undefined;
	if (mode === 'phone') return normalisePhone(text);
	if (mode === 'email') return EMAIL.test(text) ? text.toLowerCase() : undefined;
	return /\s/.test(text) ? undefined : text;
}

const HOW_TO_FIX: Record<LookupMode, string> = {
	resmanId:
		"A ResMan resident ID has no spaces. Map the field that holds ResMan's resident ID, e.g. {{ $json.resman_resident_id }}.",
	email: 'Enter one email address, e.g. maria.gonzalez@example.com.',
	phone:
		'Enter a 10-digit US phone number; spaces, dashes, dots, brackets and a leading +1 are fine, e.g. (555) 201-0042. Extensions and other countries cannot be looked up.',
};

/** Checks a typed identifier before anything is sent; the normalised value, or a field error. */
export function checkIdentifier(field: FieldContext, mode: LookupMode, value: string): string {
	const normalised = normaliseIdentifier(mode, value);
	if (normalised !== undefined) return normalised;
	throw invalidField(
		field,
		'Resident',
		`"${value}" is not a ${MODE_LABELS[mode]}`,
		HOW_TO_FIX[mode],
	);
}
