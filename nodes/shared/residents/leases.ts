import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readAllPages } from '../reads/pages';

const LEASES_URL = '/v1/leases/';

export interface LeaseQuery {
	integrationId: string;
	itemIndex: number;
	/** Only leases nobody has moved out of (Propexo's only_null_move_outs). */
	currentOnly: boolean;
	base?: Partial<IHttpRequestOptions>;
}

/** A resident's leases in Propexo: past ones too unless `currentOnly`. */
export async function leasesOf(
	this: IExecuteFunctions,
	residentId: string,
	query: LeaseQuery,
): Promise<IDataObject[]> {
	return await readAllPages.call(this, {
		url: LEASES_URL,
		qs: {
			integration_id: query.integrationId,
			resident_id: residentId,
			...(query.currentOnly ? { only_null_move_outs: true } : {}),
		},
		subject: `the leases of resident ${residentId}`,
		itemIndex: query.itemIndex,
		base: query.base,
	});
}

/** The residents on the leases of one unit of a property (unit_number needs property_id). */
export async function residentsOfUnit(
	this: IExecuteFunctions,
	propertyId: string,
	unitNumber: string,
	query: LeaseQuery,
): Promise<IDataObject[]> {
	const leases = await readAllPages.call(this, {
		url: LEASES_URL,
		qs: {
			integration_id: query.integrationId,
			property_id: propertyId,
			unit_number: unitNumber,
			...(query.currentOnly ? { only_null_move_outs: true } : {}),
		},
		subject: `the leases of unit ${unitNumber} at property ${propertyId}`,
		itemIndex: query.itemIndex,
		base: query.base,
	});
	const residents = new Map<string, IDataObject>();
	for (const lease of leases) {
		const onLease = await readAllPages.call(this, {
			url: '/v1/residents/',
			qs: { integration_id: query.integrationId, lease_id: String(lease.id) },
			subject: `the residents of lease ${String(lease.id)}`,
			itemIndex: query.itemIndex,
			base: query.base,
		});
		for (const resident of onLease) residents.set(String(resident.id), resident);
	}
	return [...residents.values()];
}
