/** Checks shared by the ResMan write routes: JSON body, integration, resident, charge code. */
import { ApiError } from '../errors';
import type { Integration, Resident } from '../models';
import type { RequestContext } from '../router';
import type { Store } from '../store';

export function assertJsonBody(ctx: RequestContext): void {
	if (!/\bjson\b/i.test(ctx.contentType)) {
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			'Request body must be JSON (Content-Type: application/json)',
			{
				'content-type': `Expected application/json, received '${ctx.contentType || 'none'}'`,
			},
		);
	}
	if (ctx.bodyError) {
		throw new ApiError(
			400,
			'VALIDATION_ERROR',
			`Request body is not valid JSON: ${ctx.bodyError}`,
			{
				body: ctx.bodyError,
			},
		);
	}
}

/** The integration must exist, be RESMAN and be active. */
export function requireResmanIntegration(store: Store, integrationId: string): Integration {
	const integration = store.integrations.get(integrationId);
	if (!integration) {
		throw new ApiError(
			400,
			'INTEGRATION_NOT_FOUND',
			`Integration '${integrationId}' (integration_id) was not found`,
			{
				integration_id: 'No integration with this id',
			},
		);
	}
	if (integration.vendor !== 'RESMAN') {
		throw new ApiError(
			400,
			'INVALID_INTEGRATION_VENDOR',
			`Integration '${integrationId}' (integration_id) is a ${integration.vendor} integration; this endpoint only accepts RESMAN integrations`,
			{ integration_id: `Vendor is ${integration.vendor}, expected RESMAN` },
		);
	}
	if (integration.is_archived || !integration.active) {
		throw new ApiError(
			400,
			'INTEGRATION_INACTIVE',
			`Integration '${integrationId}' (integration_id) is archived or inactive`,
			{
				integration_id: 'Integration is archived',
			},
		);
	}
	return integration;
}

/** Names item i's field in messages and details: `field` (single write), `charges[i].field` (batch). */
export type FieldName = (i: number, field: string) => string;

/** `residentIds[i]` must be residents of the integration; every missing one is listed. */
export function requireResidents(
	store: Store,
	integrationId: string,
	residentIds: string[],
	name: FieldName,
): Resident[] {
	const residents = residentIds.map((id) => store.residents.get(id));
	const bad = residentIds
		.map((_, i) => i)
		.filter((i) => residents[i]?.integration_id !== integrationId);
	if (bad.length > 0) {
		const field = name(bad[0], 'resident_id');
		throw new ApiError(
			400,
			'RESIDENT_NOT_FOUND',
			`Resident '${residentIds[bad[0]]}' (${field}) was not found in integration '${integrationId}'${andMore(bad)}`,
			detailsFor(bad, name, 'resident_id', 'No resident with this id in the integration'),
		);
	}
	return residents as Resident[];
}

/** `codeIds[i]` must be a charge code of `residents[i]`'s property; every bad one is listed. */
export function requireChargeCodes(
	store: Store,
	residents: Resident[],
	codeIds: string[],
	name: FieldName,
): void {
	const bad = codeIds
		.map((_, i) => i)
		.filter((i) => {
			const code = store.chargeCodes.get(codeIds[i]);
			return (
				code?.integration_id !== residents[i].integration_id ||
				code.property_id !== residents[i].property_id
			);
		});
	if (bad.length > 0) {
		const field = name(bad[0], 'charge_code_id');
		throw new ApiError(
			400,
			'CHARGE_CODE_NOT_FOUND',
			`Charge code '${codeIds[bad[0]]}' (${field}) was not found for the resident's property${andMore(bad)}`,
			detailsFor(
				bad,
				name,
				'charge_code_id',
				"No charge code with this id on the resident's property",
			),
		);
	}
}

export function andMore(items: unknown[]): string {
	return items.length > 1 ? ` (and ${items.length - 1} more)` : '';
}

function detailsFor(
	indexes: number[],
	name: FieldName,
	field: string,
	message: string,
): Record<string, string> {
	return Object.fromEntries(indexes.map((i) => [name(i, field), message]));
}
