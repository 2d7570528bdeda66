/**
 * ResMan writes (contract §2.2, §2.3) and the write-status endpoint (§4.1).
 * A write is validated, recorded in a ledger and turned into a job that stays PENDING for
 * `writeStatusDelayMs`, then ends in SUCCESS or FAILURE (failing resident, duplicate
 * integration + reference_number + batch_id).
 */
import { ApiError, type ApiResponse } from '../errors';
import type { RequestContext, Route } from '../router';
import type { WriteKind } from '../store';
import { CHARGE_FIELDS, PAYMENT_FIELDS, validateBody } from '../validation';

function handleWrite(ctx: RequestContext, kind: WriteKind): ApiResponse {
	const { store } = ctx;
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
	const fields = kind === 'resident_payment' ? PAYMENT_FIELDS : CHARGE_FIELDS;
	const input = validateBody(ctx.body, fields, ctx.query.ignore_unknown_fields === 'true');

	const integrationId = String(input.integration_id);
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
	const residentId = String(input.resident_id);
	const resident = store.residents.get(residentId);
	if (!resident || resident.integration_id !== integrationId) {
		throw new ApiError(
			400,
			'RESIDENT_NOT_FOUND',
			`Resident '${residentId}' (resident_id) was not found in integration '${integrationId}'`,
			{
				resident_id: 'No resident with this id in the integration',
			},
		);
	}
	if (kind === 'resident_charge') {
		const codeId = String(input.charge_code_id);
		const code = store.chargeCodes.get(codeId);
		if (
			!code ||
			code.integration_id !== integrationId ||
			code.property_id !== resident.property_id
		) {
			throw new ApiError(
				400,
				'CHARGE_CODE_NOT_FOUND',
				`Charge code '${codeId}' (charge_code_id) was not found for the resident's property`,
				{
					charge_code_id: "No charge code with this id on the resident's property",
				},
			);
		}
	}
	const job = store.createJob(kind, input, ctx.now);
	return { status: 200, body: { meta: { job_id: job.id }, result: input } };
}

export const writeRoutes: Route[] = [
	{
		method: 'POST',
		pattern: '/v1/resident-payments/resman/',
		handler: (ctx) => handleWrite(ctx, 'resident_payment'),
	},
	{
		method: 'POST',
		pattern: '/v1/resident-charges/resman/',
		handler: (ctx) => handleWrite(ctx, 'resident_charge'),
	},
	{
		method: 'GET',
		pattern: '/v1/admin/write-status/{root_job_id}',
		handler: ({ params, store }) => {
			const job = store.jobs.get(params.root_job_id);
			if (!job) {
				throw new ApiError(404, 'NOT_FOUND', `Write job '${params.root_job_id}' not found`);
			}
			const status = store.writeStatus(job);
			return {
				status: 200,
				body: {
					write_status: status,
					errors: status === 'PENDING' ? [] : job.errors,
					created_record_id: null,
				},
			};
		},
	},
];
