/**
 * What the emulator tells webhooks when a write job settles: ResMan's rejection as
 * WRITE_OPERATION_FAILURE; an accepted write, once the next sync brings it back, as DATA_NEW of
 * its record and then SYNC_COMPLETE (CONTRACT §6.2).
 */
import { randomUUID } from 'node:crypto';
import type { ResidentCharge, ResidentPayment } from './models';
import type { WriteJob } from './store';
import type { Webhooks } from './webhooks';

export function emitSettled(
	webhooks: Webhooks,
	job: WriteJob,
	records: Array<ResidentPayment | ResidentCharge>,
): void {
	const integrationId = String(job.inputs[0]?.integration_id ?? records[0]?.integration_id ?? '');
	if (job.outcome === 'FAILURE') {
		webhooks.emit('WRITE_OPERATION_FAILURE', {
			integration_id: integrationId,
			vendor: 'RESMAN',
			root_job_id: job.id,
			write_status: 'FAILURE',
			errors: job.errors,
		});
		return;
	}
	const model = job.kind === 'resident_payment' ? 'resident_payments' : 'resident_charges';
	const syncJobId = `sync-${randomUUID()}`;
	for (const record of records) {
		webhooks.emit(
			'DATA_NEW',
			{
				context: { property_id: record.property_id },
				integration_id: record.integration_id,
				job_id: syncJobId,
				job_type: 'READ_RESIDENT_TRANSACTIONS',
				meta: { integration_id: record.integration_id, object: model },
				object: model,
				payload: record,
				record_id: record.id,
				root_job_id: syncJobId,
				vendor: 'RESMAN',
			},
			model,
		);
	}
	webhooks.emit('SYNC_COMPLETE', {
		integration_id: integrationId,
		vendor: 'RESMAN',
		is_backsync: false,
		successful_job_count: 1,
		failed_job_count: 0,
		is_sync_finished: true,
		job_schedule_id: null,
		models_synced: [model],
	});
}
