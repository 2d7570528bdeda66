import type { FieldContext } from '../validation/fields';
import { requiredText } from '../validation/fields';
import { checkIdentifier, lookupModeOf } from './identifiers';

/**
 * The Resident field of one item, checked: a Propexo ID, or in a lookup mode an identifier that
 * can be looked up (a phone of 10 digits, …); the lookup itself comes after every check.
 */
export function residentField(field: FieldContext, value: unknown): string {
	const text = requiredText(field, 'Resident', value);
	const mode = lookupModeOf(field.node);
	if (mode) checkIdentifier(field, mode, text);
	return text;
}
