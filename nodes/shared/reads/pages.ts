import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { propexoRequest } from '../transport';

// Propexo's largest page.
export const MAX_PAGE_SIZE = 250;

export interface PagedRead {
	url: string;
	qs: IDataObject;
	/** Names the read in error messages, e.g. "the residents of property X". */
	subject: string;
	itemIndex: number;
	base?: Partial<IHttpRequestOptions>;
	/** Stops reading once what was read so far is enough (Propexo bills by record returned). */
	enough?: (records: IDataObject[]) => boolean;
}

/**
 * Every record of a list, page by page (offset/limit) until Propexo says there is no more, or
 * until `enough` says so.
 */
export async function readAllPages(
	this: IExecuteFunctions,
	read: PagedRead,
): Promise<IDataObject[]> {
	const records: IDataObject[] = [];
	for (let offset = 0; ;) {
		const response = await propexoRequest.call(this, {
			method: 'GET',
			url: read.url,
			qs: { ...read.qs, offset, limit: MAX_PAGE_SIZE },
			base: read.base,
			signal: this.getExecutionCancelSignal(),
			errorContext: { itemIndex: read.itemIndex, subject: read.subject },
		});
		const body = (response.body ?? {}) as { results?: IDataObject[]; meta?: IDataObject };
		const page = Array.isArray(body.results) ? body.results : [];
		records.push(...page);
		if (read.enough?.(records)) return records;
		if (page.length === 0 || body.meta?.hasMore !== true) return records;
		offset += page.length;
	}
}
