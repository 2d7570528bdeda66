import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { operationError } from '../shared/errors';
import { errorItem } from '../shared/helpers/itemResults';
import { rememberDelivery } from './delivery';
import { rememberResolution, rememberedRecords } from '../shared/writes/ledger';
import type { LedgerState } from '../shared/writes/ledger/durableLedger';
import { lookUp, markNotRecorded, marksOf } from '../shared/writes/ledger/durableLedger';
import type { ProcessedStore } from '../shared/writes/ledger/processedStore';
import { processedStoreOf } from '../shared/writes/ledger/processedStore';

/** The ledger's models (the nouns the Payment and Charge nodes remember under) by Propexo name. */
const LEDGER_MODELS = [
	{ model: 'resident_payments', noun: 'payment' },
	{ model: 'resident_charges', noun: 'charge' },
];

// n8n's processed-data store keeps this many deliveries of the node; older ones are dropped.
const REMEMBERED_DELIVERIES = 10_000;

/**
 * Runs in the execution the webhook started: n8n's database settles whether this delivery was
 * seen before (the node's static data may have lost it), and a Write Failed of a job this
 * workflow posted names the payment or charge and lets it be posted again.
 */
export async function outputEvents(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const output: INodeExecutionData[] = [];
	const items = this.getInputData();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const data = items[itemIndex].json;
		try {
			if (!(await firstDelivery(this, data))) continue;
			const named =
				data.event === 'WRITE_OPERATION_FAILURE' ? await nameFailedWrite(this, data) : [data];
			for (const json of named) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const itemError = asItemError(this, error, itemIndex);
			if (!this.continueOnFail()) throw itemError;
			output.push(errorItem(itemIndex, itemError, { job_id: data.root_job_id ?? null }));
		}
	}
	return [output];
}

async function firstDelivery(context: IExecuteFunctions, data: IDataObject): Promise<boolean> {
	// A test run from the editor ("Listen for test event") shows every delivery.
	if (typeof data.delivery_id !== 'string' || context.getMode() === 'manual') return true;
	// n8n saves this execution's copy of the static data at its end, over the webhook's.
	rememberDelivery(context.getWorkflowStaticData('node'), data.delivery_id);
	const recorded = await context.helpers.checkProcessedAndRecord(
		[`propexo:delivery:${data.delivery_id}`],
		'node',
		{ mode: 'entries', maxEntries: REMEMBERED_DELIVERIES },
	);
	return recorded.new.length > 0;
}

/**
 * One item per record of the failed job that this workflow's ledger knows (a batch has several);
 * the event as Propexo sent it when the job is not known here.
 */
async function nameFailedWrite(
	context: IExecuteFunctions,
	data: IDataObject,
): Promise<IDataObject[]> {
	const jobId = typeof data.root_job_id === 'string' ? data.root_job_id : '';
	if (jobId === '') return [data];
	const known = LEDGER_MODELS.flatMap(({ model, noun }) =>
		rememberedRecords(context, noun)
			.filter(([, entry]) => entry.jobId === jobId)
			.map(([identity]) => ({ model, noun, identity })),
	);
	if (known.length === 0) return [data];
	const store = processedStoreOf(context);
	const named: IDataObject[] = [];
	for (const { model, noun, identity } of known) {
		const { before, after } = await allowRepost(store, context, noun, identity, data);
		named.push({
			...data,
			model,
			job_id: jobId,
			integration_id: identity.integrationId,
			reference_number: identity.referenceNumber,
			batch_id: identity.batchId,
			amount_in_cents: identity.amountInCents,
			resident_id: identity.residentId,
			errors: Array.isArray(data.errors) ? data.errors : [],
			ledger_state: after,
			previous_state: before,
		});
	}
	await store.drained();
	return named;
}

/**
 * FAILURE: nothing of the job is in ResMan, so the ledger forgets the record and the next run
 * posts it again (as Ledger → Mark as Not Recorded). PARTIAL_SUCCESS does not say which records
 * of a batch went in: the ledger is left as it is.
 */
async function allowRepost(
	store: ProcessedStore,
	context: IExecuteFunctions,
	noun: string,
	identity: Parameters<typeof marksOf>[1],
	data: IDataObject,
): Promise<{ before: LedgerState; after: LedgerState }> {
	const marks = marksOf(noun, identity);
	const before = await lookUp(store, marks);
	if (data.write_status !== 'FAILURE') return { before, after: before };
	await markNotRecorded(store, marks);
	rememberResolution(context, noun, identity, false);
	return { before, after: 'not recorded' };
}

function asItemError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return operationError(
		context.getNode(),
		`n8n's database did not answer: ${(error as Error).message} [item ${itemIndex}]`,
		{
			itemIndex,
			description:
				'The event was received but the ledger could not be read or changed. Look the payment up with Ledger → Look Up.',
		},
	);
}
