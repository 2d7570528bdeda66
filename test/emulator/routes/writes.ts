/**
 * ResMan single writes and the write-status endpoint (docs/propexo-api.md).
 * A write is validated, recorded in a ledger and turned into a job that stays PENDING for
 * `writeStatusDelayMs`, then ends in SUCCESS or FAILURE (failing resident, duplicate
 * integration + reference_number + batch_id).
 */
import { ApiError, type ApiResponse } from '../errors';
import type { RequestContext, Route } from '../router';
import type { WriteKind } from '../store';
import { CHARGE_FIELDS, PAYMENT_FIELDS, validateBody } from '../validation';
import { batchChargeRoute } from './batch';
import {
	assertJsonBody,
	requireChargeCodes,
	requireResidents,
	requireResmanIntegration,
	type FieldName,
} from './write-checks';

const singleField: FieldName = (_, field) => field;

function handleWrite(ctx: RequestContext, kind: WriteKind): ApiResponse {
	const { store } = ctx;
	assertJsonBody(ctx);
	const fields = kind === 'resident_payment' ? PAYMENT_FIELDS : CHARGE_FIELDS;
	const input = validateBody(ctx.body, fields, ctx.query.ignore_unknown_fields === 'true');

	const integrationId = String(input.integration_id);
	requireResmanIntegration(store, integrationId);
	const residents = requireResidents(
		store,
		integrationId,
		[String(input.resident_id)],
		singleField,
	);
	if (kind === 'resident_charge') {
		requireChargeCodes(store, residents, [String(input.charge_code_id)], singleField);
	}
	const job = store.createJob(kind, [input], ctx.now);
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
	batchChargeRoute,
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
