import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { readOne } from '../../../shared/reads/readOne';

const properties: INodeProperties[] = [
	{
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0c6f1f5e-3b7a-4c1e-9d2a-8e4b5c6d7e8f',
		description:
			"Propexo's ID of the resident payment (the ID field of Get Many). ResMan payments posted by Create get one only after Propexo's next sync.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['payment'], operation: ['get'] } },
	properties,
);

/** Reads one resident payment. Propexo answers `{ meta, results: {…} }` with an object here. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readOne.call(this, {
		parameter: 'paymentId',
		label: 'Payment ID',
		hint: 'Enter the ID of a resident payment, e.g. from Get Many.',
		url: (id) => `/v1/resident-payments/${encodeURIComponent(id)}`,
		subject: (id) => `resident payment ${id}`,
		toRecord: (body) => (body as { results?: IDataObject } | undefined)?.results,
	});
}
