import type { IDataObject } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { PropexoContext } from '../transport';
import { propexoRequest } from '../transport';

export const FINAL_WRITE_STATUSES = ['SUCCESS', 'PARTIAL_SUCCESS', 'FAILURE'];

export function writeStatusUrl(jobId: string): string {
	return `/v1/admin/write-status/${encodeURIComponent(jobId)}`;
}

export interface WriteStatus {
	write_status: string;
	errors: string[];
	created_record_id: string | null;
}

export function readWriteStatus(body: unknown): WriteStatus {
	const data = (body ?? {}) as IDataObject;
	return {
		write_status: String(data.write_status ?? 'PENDING'),
		errors: Array.isArray(data.errors) ? data.errors.map(String) : [],
		created_record_id: typeof data.created_record_id === 'string' ? data.created_record_id : null,
	};
}

/** Polls write-status until the job is final or `timeoutMs` has passed; returns the last status. */
export async function waitForWriteStatus(
	this: PropexoContext,
	jobId: string,
	timeoutMs: number,
	itemIndex: number,
): Promise<WriteStatus> {
	const deadline = Date.now() + timeoutMs;
	let interval = 500;
	for (;;) {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: writeStatusUrl(jobId),
			errorContext: { itemIndex, subject: `write job ${jobId}` },
		});
		const status = readWriteStatus(response.body);
		const remaining = deadline - Date.now();
		if (FINAL_WRITE_STATUSES.includes(status.write_status) || remaining <= 0) return status;
		await sleep(Math.min(interval, remaining));
		interval = Math.min(interval * 2, 10_000);
	}
}
