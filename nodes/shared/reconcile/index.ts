import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../errors';
import { errorItem } from '../helpers/itemResults';
import type { WriteStatus } from '../reads/writeStatus';
import { readWriteStatus, writeStatusUrl } from '../reads/writeStatus';
import { readAllPages } from '../reads/pages';
import { propexoRequest } from '../transport';
import { readRequestOptions } from '../transport/requestOptions';
import { rememberedRecords } from '../writes/ledger';
import type { LedgerEntry } from '../writes/ledger/store';
import type { WriteNoun } from '../writes/outcomes';
import type { RecordIdentity } from '../writes/spec';

const DAY_MS = 86_400_000;

// A record synced after it was posted is updated after then; the margin covers clock skew.
const SKEW_MS = 10 * 60_000;

export interface ReconcileTarget {
	noun: WriteNoun;
	/** Propexo's model and list, e.g. resident_payments and /v1/resident-payments/. */
	model: string;
	listUrl: string;
}

type Posted = [RecordIdentity, LedgerEntry];

/**
 * One item per record the workflow's ledger posted in the period: in ResMan (found on Propexo's
 * read side by reference number and batch), else what its write status says.
 */
export async function reconcile(
	this: IExecuteFunctions,
	target: ReconcileTarget,
): Promise<INodeExecutionData[]> {
	const days = this.getNodeParameter('reconcileDays', 0, 7) as number;
	if (typeof days !== 'number' || !(days > 0)) {
		throw operationError(this.getNode(), 'Posted in the Last (Days) must be a positive number');
	}
	const request = readRequestOptions.call(this);
	const since = Date.now() - days * DAY_MS;
	const posted = rememberedRecords(this, target.noun.one).filter(([, entry]) => entry.at >= since);
	const output: INodeExecutionData[] = [];
	for (const group of byResident(posted)) {
		let synced: IDataObject[] | undefined;
		let readError: unknown;
		try {
			synced = await readSynced(this, target, group, request);
		} catch (error) {
			readError = error;
		}
		for (const [identity, entry] of group) {
			try {
				if (!synced) throw readError;
				const found = synced.find((record) => matches(record, identity));
				const status =
					found || !entry.jobId ? undefined : await readStatus(this, entry.jobId, request);
				output.push({
					json: stateOf(target, identity, entry, found, status),
					pairedItem: { item: 0 },
				});
			} catch (error) {
				const itemError = asItemError(this, error);
				if (!this.continueOnFail()) throw itemError;
				output.push(
					errorItem(0, itemError, {
						reference_number: identity.referenceNumber,
						batch_id: identity.batchId,
						job_id: entry.jobId || null,
					}),
				);
			}
		}
	}
	return output;
}

function byResident(posted: Posted[]): Posted[][] {
	const groups = new Map<string, Posted[]>();
	for (const record of posted) {
		const key = JSON.stringify([record[0].integrationId, record[0].residentId]);
		groups.set(key, [...(groups.get(key) ?? []), record]);
	}
	return [...groups.values()];
}

/**
 * The resident's records Propexo synced since the earliest of them was posted, page by page,
 * until every reference is found: Propexo bills by record returned.
 */
async function readSynced(
	context: IExecuteFunctions,
	target: ReconcileTarget,
	group: Posted[],
	request: Partial<IHttpRequestOptions>,
): Promise<IDataObject[]> {
	const [identity] = group[0];
	const earliest = Math.min(...group.map(([, entry]) => entry.at));
	const qs: IDataObject = {
		integration_id: identity.integrationId,
		resident_id: identity.residentId,
		updated_at_gte: new Date(earliest - SKEW_MS).toISOString(),
	};
	return await readAllPages.call(context, {
		url: target.listUrl,
		qs,
		base: request,
		itemIndex: 0,
		subject: `the ${target.noun.many} of resident ${identity.residentId}`,
		enough: (records) =>
			group.every(([wanted]) => records.some((record) => matches(record, wanted))),
	});
}

/** Same reference number, and the same batch where the record says its batch. */
function matches(record: IDataObject, identity: RecordIdentity): boolean {
	if (String(record.reference_number ?? '') !== identity.referenceNumber) return false;
	const custom = (record.custom_data ?? {}) as IDataObject;
	const batch = record.batch_id ?? custom.batch_id;
	return batch === undefined || batch === null || String(batch) === identity.batchId;
}

async function readStatus(
	context: IExecuteFunctions,
	jobId: string,
	request: Partial<IHttpRequestOptions>,
): Promise<WriteStatus> {
	const response = await propexoRequest.call(context, {
		method: 'GET',
		url: writeStatusUrl(jobId),
		base: request,
		errorContext: { itemIndex: 0, subject: `the write status of job ${jobId}` },
	});
	return readWriteStatus(response.body);
}

function stateOf(
	target: ReconcileTarget,
	identity: RecordIdentity,
	entry: LedgerEntry,
	found: IDataObject | undefined,
	status: WriteStatus | undefined,
): IDataObject {
	const json: IDataObject = {
		model: target.model,
		integration_id: identity.integrationId,
		reference_number: identity.referenceNumber,
		batch_id: identity.batchId,
		resident_id: identity.residentId,
		amount_in_cents: identity.amountInCents,
		job_id: entry.jobId || null,
		posted_at: Number.isFinite(entry.at) ? new Date(entry.at).toISOString() : null,
	};
	if (found) {
		return {
			...json,
			state: 'in ResMan',
			propexo_record_id: found.id ?? null,
			synced_at: found.created_at ?? null,
			last_seen: found.last_seen ?? null,
		};
	}
	if (!status) return { ...json, state: 'unknown', write_status: null };
	const state =
		status.write_status === 'FAILURE'
			? 'rejected'
			: status.write_status === 'PENDING'
				? 'pending approval'
				: 'accepted by ResMan';
	return {
		...json,
		state,
		write_status: status.write_status,
		...(status.errors.length > 0 ? { reasons: status.errors } : {}),
	};
}

function asItemError(context: IExecuteFunctions, error: unknown) {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return operationError(context.getNode(), `Reconcile failed: ${(error as Error).message}`);
}
