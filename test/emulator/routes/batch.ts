/**
 * POST /v1/resident-charges/batch/resman/ (docs/propexo-api.md): up to `maxBatchSize` charges for
 * residents of one ResMan property, written as ONE job. The job is all-or-nothing (ResMan posts
 * the batch as one MITS transaction set): a failing resident or a duplicate charge fails it,
 * and then none of its charges are created.
 */
import { ApiError } from '../errors';
import type { Route } from '../router';
import { validateChargeBatch } from '../validation';
import {
	andMore,
	assertJsonBody,
	requireChargeCodes,
	requireResidents,
	requireResmanIntegration,
	type FieldName,
} from './write-checks';

const itemField: FieldName = (i, field) => `charges[${i}].${field}`;

export const batchChargeRoute: Route = {
	method: 'POST',
	pattern: '/v1/resident-charges/batch/resman/',
	handler: (ctx) => {
		const { store } = ctx;
		assertJsonBody(ctx);
		const batch = validateChargeBatch(
			ctx.body,
			ctx.query.ignore_unknown_fields === 'true',
			store.maxBatchSize,
		);
		const integrationId = batch.integration_id;
		requireResmanIntegration(store, integrationId);
		const residents = requireResidents(
			store,
			integrationId,
			batch.charges.map((c) => String(c.resident_id)),
			itemField,
		);
		const propertyId = residents[0].property_id;
		const elsewhere = residents
			.map((_, i) => i)
			.filter((i) => residents[i].property_id !== propertyId);
		if (elsewhere.length > 0) {
			const first = elsewhere[0];
			throw new ApiError(
				400,
				'MIXED_PROPERTIES',
				`All charges of a batch must belong to the same ResMan property: ${itemField(first, 'resident_id')} is at property '${residents[first].property_id}', charges[0] at '${propertyId}'${andMore(elsewhere)}`,
				Object.fromEntries(
					elsewhere.map((i) => [
						itemField(i, 'resident_id'),
						`Resident is at property '${residents[i].property_id}', not '${propertyId}' (charges[0])`,
					]),
				),
			);
		}
		requireChargeCodes(
			store,
			residents,
			batch.charges.map((c) => String(c.charge_code_id)),
			itemField,
		);
		const inputs = batch.charges.map((c) => ({ integration_id: integrationId, ...c }));
		const job = store.createJob('resident_charge', inputs, ctx.now, true);
		return { status: 200, body: { meta: { job_id: job.id }, result: batch } };
	},
};
