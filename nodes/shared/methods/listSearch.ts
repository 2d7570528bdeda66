import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { propexoRequest } from '../transport';
import { operationError } from '../errors';
import { MAX_PAGE_SIZE } from '../reads/pages';
import { residentLabel } from '../residents/describe';

interface ListPage {
	records: IDataObject[];
	nextOffset?: number;
}

async function readPage(
	this: ILoadOptionsFunctions,
	url: string,
	qs: IDataObject,
	offset: number,
	subject: string,
): Promise<ListPage> {
	const response = await propexoRequest.call(this, {
		method: 'GET',
		url,
		qs: { ...qs, offset, limit: MAX_PAGE_SIZE },
		errorContext: { itemIndex: 0, subject },
	});
	const body = (response.body ?? {}) as { results?: IDataObject[]; meta?: IDataObject };
	const records = Array.isArray(body.results) ? body.results : [];
	const more = body.meta?.hasMore === true && records.length > 0;
	return { records, nextOffset: more ? offset + records.length : undefined };
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.trim().toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

// A filtered search reads on until it finds something, within a bound (Propexo bills by record).
const MAX_PAGES_PER_SEARCH = 4;

/** Reads pages from `paginationToken` on, keeping what `pick` returns, until something is found. */
async function searchPages(
	read: (offset: number) => Promise<ListPage>,
	pick: (records: IDataObject[]) => INodeListSearchItems[],
	paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
	let offset: number | undefined = Number(paginationToken ?? 0) || 0;
	const results: INodeListSearchItems[] = [];
	for (let pages = 0; offset !== undefined && pages < MAX_PAGES_PER_SEARCH; pages++) {
		const page = await read(offset);
		results.push(...pick(page.records));
		offset = page.nextOffset;
		if (results.length > 0) break;
	}
	return { results, paginationToken: offset?.toString() };
}

/** The account's ResMan integrations, by name (the API has no name search, so it filters here). */
export async function searchIntegrations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPages(
		async (offset) =>
			await readPage.call(
				this,
				'/v1/admin/integrations/',
				{ integration_vendor: 'RESMAN' },
				offset,
				'the list of ResMan integrations',
			),
		(records) =>
			records
				.filter((integration) => matches(filter, integration.name, integration.id))
				.map((integration) => ({
					name: String(integration.name ?? integration.id),
					value: String(integration.id),
				})),
		paginationToken,
	);
}

function chosenIntegration(this: ILoadOptionsFunctions): string {
	const integrationId = this.getCurrentNodeParameter('integrationId', { extractValue: true });
	if (!integrationId) {
		throw operationError(this.getNode(), 'Choose an integration first', {
			description:
				'Properties, residents and charge codes are listed per integration: pick the Integration above.',
		});
	}
	return String(integrationId);
}

/** The chosen integration's properties, to narrow the resident list. */
export async function searchProperties(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs = { integration_id: chosenIntegration.call(this) };
	return await searchPages(
		async (offset) =>
			await readPage.call(this, '/v1/properties/', qs, offset, 'the list of properties'),
		(records) =>
			records
				.filter((property) => matches(filter, property.name, property.code, property.address_1))
				.map((property) => ({
					name: [property.name ?? property.id, property.address_1].filter(Boolean).join(' — '),
					value: String(property.id),
				})),
		paginationToken,
	);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[2-9]\d{9}$/;

/**
 * The chosen integration's residents. An email or a 10-digit phone number is searched by the
 * API (its only resident searches); any other text filters names and units here.
 */
export async function searchResidents(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { integration_id: chosenIntegration.call(this) };
	const propertyId = this.getCurrentNodeParameter('propertyId', { extractValue: true });
	if (propertyId) qs.property_id = propertyId;
	const search = filter?.trim() ?? '';
	const digits = search.replace(/\D/g, '');
	if (EMAIL.test(search)) qs.email_1 = search;
	else if (PHONE.test(digits) && digits.length === search.replace(/[\s().-]/g, '').length) {
		qs.phone_1 = digits;
	}
	const serverSide = 'email_1' in qs || 'phone_1' in qs;

	return await searchPages(
		async (offset) =>
			await readPage.call(this, '/v1/residents/', qs, offset, 'the list of residents'),
		(records) =>
			records
				.map((resident) => ({
					resident,
					name: residentLabel(resident),
					value: String(resident.id),
				}))
				.filter(({ name, resident }) => serverSide || matches(search, name, resident.id))
				.map(({ name, value }) => ({ name, value })),
		paginationToken,
	);
}

/** The code ResMan shows for a charge code: Propexo has no code field, so custom data, else x_id. */
function codeOf(chargeCode: IDataObject): string | undefined {
	const custom = (chargeCode.custom_data as IDataObject | undefined)?.code;
	if (typeof custom === 'string' && custom) return custom;
	return typeof chargeCode.x_id === 'string' && chargeCode.x_id ? chargeCode.x_id : undefined;
}

/**
 * The chosen property's charge codes, as "Name — code". Charge codes belong to a property, so
 * the property comes first; the API has no name search, so the filter applies here.
 */
export async function searchChargeCodes(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const integrationId = chosenIntegration.call(this);
	const propertyId = this.getCurrentNodeParameter('propertyId', { extractValue: true });
	if (!propertyId) {
		throw operationError(this.getNode(), 'Choose a property first', {
			description:
				'Charge codes belong to a property: pick the Property above, or enter the charge code By ID.',
		});
	}
	const qs = { integration_id: integrationId, property_id: String(propertyId) };
	return await searchPages(
		async (offset) =>
			await readPage.call(this, '/v1/charge-codes/', qs, offset, 'the list of charge codes'),
		(records) =>
			records
				.map((chargeCode) => ({
					chargeCode,
					name: [chargeCode.name ?? chargeCode.id, codeOf(chargeCode)].filter(Boolean).join(' — '),
				}))
				.filter(({ chargeCode, name }) =>
					matches(filter, name, chargeCode.description, chargeCode.id),
				)
				.map(({ chargeCode, name }) => ({ name, value: String(chargeCode.id) })),
		paginationToken,
	);
}
