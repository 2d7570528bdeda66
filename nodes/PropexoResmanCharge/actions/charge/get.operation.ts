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
		displayName: 'Charge ID',
		name: 'chargeId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 0c6f1f5e-3b7a-4c1e-9d2a-8e4b5c6d7e8f',
		description:
			"Propexo's ID of the resident charge (the ID field of Get Many). ResMan charges posted by Create get one only after Propexo's next sync.",
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['charge'], operation: ['get'] } },
	properties,
);

/** Reads one resident charge. Propexo answers `{ meta, results: {…} }` with an object here. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await readOne.call(this, {
		parameter: 'chargeId',
		label: 'Charge ID',
		hint: 'Enter the ID of a resident charge, e.g. from Get Many.',
		url: (id) => `/v1/resident-charges/${encodeURIComponent(id)}`,
		subject: (id) => `resident charge ${id}`,
		toRecord: (body) => (body as { results?: IDataObject } | undefined)?.results,
	});
}
