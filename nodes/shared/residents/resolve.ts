import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../errors';
import { readRequestOptions } from '../transport/requestOptions';
import { parameterReader } from '../validation/parameterReader';
import type { NodeError } from '../errors';
import type { CheckedItem, Resolution } from '../writes/spec';
import { candidateLine } from './describe';
import type { Scope } from './directory';
import { ResidentDirectory, scopeText } from './directory';
import type { LookupMode } from './identifiers';
import { lookupModeOf, MODE_LABELS, normaliseIdentifier } from './identifiers';

// Enough candidates to tell them apart; a longer list would not fit an error message.
const MAX_CANDIDATES = 10;

interface Lookup {
	item: CheckedItem;
	scope: Scope;
	typed: string;
	value: string;
}

function textOf(value: unknown): string | undefined {
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	return text || undefined;
}

function noMatch(context: IExecuteFunctions, mode: LookupMode, lookup: Lookup): NodeError {
	const { itemIndex } = lookup.item;
	return operationError(
		context.getNode(),
		`Resident: no resident with ${MODE_LABELS[mode]} "${lookup.typed}" in ${scopeText(lookup.scope)} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `Propexo knows no such resident there. Check the value and the integration${lookup.scope.propertyId ? ' and property' : ''}; a resident added in ResMan appears in Propexo after its next sync. Nothing was sent for this item.`,
		},
	);
}

function several(
	context: IExecuteFunctions,
	mode: LookupMode,
	lookup: Lookup,
	matches: IDataObject[],
): NodeError {
	const { itemIndex } = lookup.item;
	const listed = matches.slice(0, MAX_CANDIDATES).map((resident) => `• ${candidateLine(resident)}`);
	if (matches.length > MAX_CANDIDATES) listed.push(`• and ${matches.length - MAX_CANDIDATES} more`);
	return operationError(
		context.getNode(),
		`Resident: ${matches.length} residents have ${MODE_LABELS[mode]} "${lookup.typed}" in ${scopeText(lookup.scope)} [item ${itemIndex}]`,
		{
			itemIndex,
			description: `The node does not guess which one pays. Candidates:\n${listed.join('\n')}\nIdentify the resident By ResMan Resident ID or By ID, or pick the Property to narrow the search. Nothing was sent for this item.`,
		},
	);
}

/**
 * Replaces each item's ResMan resident ID, email or phone (in `resident_id`) with the Propexo
 * resident it names: exactly one resident must match, or the item fails and nothing is sent.
 */
export async function resolveResidents(
	this: IExecuteFunctions,
	items: CheckedItem[],
): Promise<Map<number, Resolution>> {
	const resolved = new Map<number, Resolution>();
	const mode = lookupModeOf(this.getNode());
	if (!mode || items.length === 0) return resolved;

	const read = parameterReader.call(this);
	const lookups: Lookup[] = [];
	const valuesPerScope = new Map<string, { scope: Scope; values: Set<string> }>();
	for (const item of items) {
		const typed = String(item.record.resident_id);
		// prepare() refused what does not normalise, so this holds.
		const value = normaliseIdentifier(mode, typed) ?? typed;
		const propertyId =
			textOf(item.record.property_id) ?? textOf(read('propertyId', item.itemIndex));
		const scope = { integrationId: String(item.record.integration_id), propertyId };
		lookups.push({ item, scope, typed, value });
		const key = JSON.stringify(scope);
		const entry = valuesPerScope.get(key) ?? { scope, values: new Set<string>() };
		entry.values.add(value);
		valuesPerScope.set(key, entry);
	}

	const directory = new ResidentDirectory(this, readRequestOptions.call(this));
	for (const { scope, values } of valuesPerScope.values()) directory.plan(scope, values.size);

	for (const lookup of lookups) {
		const { itemIndex, record } = lookup.item;
		let matches: IDataObject[];
		try {
			matches = await directory.find(lookup.scope, mode, lookup.value, itemIndex);
		} catch (error) {
			resolved.set(itemIndex, { error: asNodeError(this, error, itemIndex), notSent: true });
			continue;
		}
		if (matches.length === 0) {
			resolved.set(itemIndex, { error: noMatch(this, mode, lookup) });
		} else if (matches.length > 1) {
			resolved.set(itemIndex, { error: several(this, mode, lookup, matches) });
		} else {
			const residentId = String(matches[0].id);
			resolved.set(itemIndex, {
				record: { ...record, resident_id: residentId },
				facts: { resident_lookup: { mode, value: lookup.typed, resident_id: residentId } },
			});
		}
	}
	return resolved;
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return operationError(context.getNode(), (error as Error).message, { itemIndex });
}
