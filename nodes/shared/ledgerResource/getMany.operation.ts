import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { operationError } from '../errors';
import { rememberedRecords } from '../writes/ledger';

export const getManyFields: INodeProperties[] = [
	{
		displayName:
			'Lists what this workflow remembers of its posts: n8n saves it after each production execution that ends normally. A run that crashed, timed out or was cancelled is not listed here; to check such records, run Look Up on the same input.',
		name: 'ledgerListNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'States',
		name: 'ledgerStates',
		type: 'multiOptions',
		default: ['posted', 'unknown'],
		options: [
			{ name: 'Posted', value: 'posted', description: 'Propexo accepted it' },
			{ name: 'Unknown', value: 'unknown', description: 'Sent without a clear answer' },
		],
	},
	{
		displayName: 'Sent After',
		name: 'sentAfter',
		type: 'dateTime',
		default: '',
		description: 'Only records sent after this time; empty for no limit',
	},
	{
		displayName: 'Sent Before',
		name: 'sentBefore',
		type: 'dateTime',
		default: '',
		description: 'Only records sent before this time; empty for no limit',
	},
];

function time(context: IExecuteFunctions, name: string, label: string): number | undefined {
	const value = context.getNodeParameter(name, 0, '') as string;
	if (!value) return undefined;
	const at = Date.parse(value);
	if (Number.isFinite(at)) return at;
	throw operationError(context.getNode(), `${label}: "${value}" is not a date and time`, {
		description: 'Pick a date, or leave it empty.',
	});
}

/** The records the workflow remembers, newest first, one output item each. */
export async function execute(
	this: IExecuteFunctions,
	model: string,
): Promise<INodeExecutionData[]> {
	const states = new Set(this.getNodeParameter('ledgerStates', 0, []) as string[]);
	const after = time(this, 'sentAfter', 'Sent After') ?? -Infinity;
	const before = time(this, 'sentBefore', 'Sent Before') ?? Infinity;
	const records: IDataObject[] = [];
	for (const [identity, entry] of rememberedRecords(this, model)) {
		const state = entry.unknown ? 'unknown' : 'posted';
		if (!states.has(state) || entry.at < after || entry.at > before) continue;
		records.push({
			integration_id: identity.integrationId,
			batch_id: identity.batchId,
			reference_number: identity.referenceNumber,
			amount_in_cents: entry.amountInCents,
			resident_id: entry.residentId,
			job_id: entry.jobId || null,
			sent_at: new Date(entry.at).toISOString(),
			ledger_state: state,
		});
	}
	records.sort((a, b) => String(b.sent_at).localeCompare(String(a.sent_at)));
	return records.map((json) => ({ json, pairedItem: { item: 0 } }));
}
