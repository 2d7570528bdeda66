import type { IDataObject, IHttpRequestOptions, NodeApiError } from 'n8n-workflow';
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

export interface WaitOptions {
	timeoutMs: number;
	itemIndex: number;
	/** The user's timeout, proxy and certificate choice. */
	request?: Partial<IHttpRequestOptions>;
	signal?: AbortSignal;
}

// A poll needs some time to get an answer; with less left the last status read is the answer.
const MIN_POLL_MS = 250;

/**
 * Polls write-status until the job is final or the deadline has passed; returns the last status.
 * No request runs past the deadline: each one's timeout is cut to the time that is left.
 */
export async function waitForWriteStatus(
	this: PropexoContext,
	jobId: string,
	options: WaitOptions,
): Promise<WriteStatus> {
	const deadline = Date.now() + options.timeoutMs;
	let interval = 500;
	let last: WriteStatus | undefined;
	for (;;) {
		const left = deadline - Date.now();
		if (last && (left < MIN_POLL_MS || options.signal?.aborted)) return last;
		const timeout = Math.max(MIN_POLL_MS, left);
		let response;
		try {
			response = await propexoRequest.call(this, {
				method: 'GET',
				url: writeStatusUrl(jobId),
				base: {
					...options.request,
					timeout: Math.min(options.request?.timeout ?? timeout, timeout),
				},
				signal: options.signal,
				deadline,
				errorContext: { itemIndex: options.itemIndex, subject: `write job ${jobId}` },
			});
		} catch (error) {
			if (last) return last;
			throw error as NodeApiError;
		}
		last = readWriteStatus(response.body);
		if (FINAL_WRITE_STATUSES.includes(last.write_status)) return last;
		await sleep(Math.max(0, Math.min(interval, deadline - Date.now() - MIN_POLL_MS)));
		interval = Math.min(interval * 2, 10_000);
	}
}
