import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	NodeApiError,
} from 'n8n-workflow';

import { readAllPages } from '../reads/pages';
import type { LookupMode } from './identifiers';
import { MODE_FIELDS, MODE_LABELS, normaliseIdentifier } from './identifiers';

/** Where a resident is looked for: an integration, and the property when one is given. */
export interface Scope {
	integrationId: string;
	propertyId?: string;
}

// Above this many distinct values in one property, one paged read of its residents costs fewer
// requests than a filtered read for each (a property rarely has more than 750 residents). Without
// a property the integration may be large, so filters are kept for more values.
const FILTERS_PER_PROPERTY = 3;
const FILTERS_PER_INTEGRATION = 10;

const RESIDENTS_URL = '/v1/residents/';

function isRefusal(error: unknown): boolean {
	return (error as { httpCode?: unknown }).httpCode === '400';
}

function scopeKey(scope: Scope): string {
	return JSON.stringify([scope.integrationId, scope.propertyId ?? null]);
}

function scopeText(scope: Scope): string {
	return scope.propertyId
		? `property ${scope.propertyId} of integration ${scope.integrationId}`
		: `integration ${scope.integrationId}`;
}

/** Whether Propexo's resident record holds `value` (normalised) in the field of `mode`. */
function holds(resident: IDataObject, mode: LookupMode, value: string): boolean {
	const stored = resident[MODE_FIELDS[mode]];
	if (typeof stored !== 'string') return false;
	if (mode === 'resmanId') return stored.trim().toLowerCase() === value.toLowerCase();
	return normaliseIdentifier(mode, stored) === value;
}

/**
 * The residents of one run, read from Propexo at most once per question: each property (or
 * integration) read in pages once, each filtered value asked once. Every read goes through the
 * transport, so it waits for the same rate limit as the writes.
 */
export class ResidentDirectory {
	private readonly listings = new Map<string, Promise<IDataObject[]>>();
	private readonly filtered = new Map<string, Promise<IDataObject[]>>();
	private readonly listed = new Set<string>();
	private base?: Partial<IHttpRequestOptions>;

	constructor(
		private readonly context: IExecuteFunctions,
		base?: Partial<IHttpRequestOptions>,
	) {
		this.base = base;
	}

	/** Decides how a scope is read, given how many distinct values the run will ask of it. */
	plan(scope: Scope, distinctValues: number): void {
		const filters = scope.propertyId ? FILTERS_PER_PROPERTY : FILTERS_PER_INTEGRATION;
		if (distinctValues > filters) this.listed.add(scopeKey(scope));
	}

	/** The residents of `scope` whose field of `mode` holds the (normalised) value. */
	async find(
		scope: Scope,
		mode: LookupMode,
		value: string,
		itemIndex: number,
	): Promise<IDataObject[]> {
		const key = scopeKey(scope);
		if (this.listed.has(key)) {
			const residents = await this.listing(scope, itemIndex);
			return residents.filter((resident) => holds(resident, mode, value));
		}
		const filterKey = JSON.stringify([key, mode, value]);
		let found = this.filtered.get(filterKey);
		if (!found) {
			found = this.read(scope, itemIndex, `the residents with ${MODE_LABELS[mode]} ${value}`, {
				[MODE_FIELDS[mode]]: value,
			});
			this.filtered.set(filterKey, found);
		}
		let residents: IDataObject[];
		try {
			residents = await found;
		} catch (error) {
			// Propexo documents its x_ filters as needing ResMan's property ID, which the node does
			// not have: if it refuses the filter, the residents are read and matched here instead.
			if (mode !== 'resmanId' || !isRefusal(error)) throw error as NodeApiError;
			this.listed.add(key);
			return await this.find(scope, mode, value, itemIndex);
		}
		// Propexo's filter may be looser than ours (e.g. case); only exact holders count.
		return residents.filter((resident) => holds(resident, mode, value));
	}

	private listing(scope: Scope, itemIndex: number): Promise<IDataObject[]> {
		const key = scopeKey(scope);
		let listing = this.listings.get(key);
		if (!listing) {
			listing = this.read(scope, itemIndex, `the residents of ${scopeText(scope)}`, {});
			this.listings.set(key, listing);
		}
		return listing;
	}

	private async read(
		scope: Scope,
		itemIndex: number,
		subject: string,
		filter: IDataObject,
	): Promise<IDataObject[]> {
		const qs: IDataObject = { integration_id: scope.integrationId, ...filter };
		if (scope.propertyId) qs.property_id = scope.propertyId;
		return await readAllPages.call(this.context, {
			url: RESIDENTS_URL,
			qs,
			subject,
			itemIndex,
			base: this.base,
		});
	}
}

export { scopeText };
