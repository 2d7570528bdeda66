import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { propertyLocatorWith } from '../../../shared/locators';
import type { FieldContext } from '../../../shared/validation/fields';
import type { ReadParameter } from '../../../shared/validation/parameterReader';
import { resolveResidents } from '../../../shared/residents/resolve';
import { batchItemError, chunkByKey } from '../../../shared/writes/batches';
import { runWrites } from '../../../shared/writes/runWrites';
import type { WriteSettings } from '../../../shared/writes/settings';
import type { PreparedItem, WriteSpec } from '../../../shared/writes/spec';
import {
	chargeNoun,
	chargeOptions,
	chargeProperties,
	prepareCharge,
	preparePropertyId,
} from './fields';
import { propertyKey, toBatch } from './batchRequests';

// Propexo does not document the endpoint's maximum: stay well below any likely one.
export const DEFAULT_BATCH_SIZE = 50;

const properties: INodeProperties[] = [
	...chargeProperties(
		propertyLocatorWith({
			displayName: 'Property',
			required: true,
			description:
				"The ResMan property of the residents. One request may only hold charges of one property, so items are grouped by integration and property. Not sent; it also lists the property's charge codes.",
		}),
	),
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		default: DEFAULT_BATCH_SIZE,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description:
			'How many charges one request to Propexo carries. Propexo does not document the largest batch it accepts, so the default of 50 stays well below any likely limit; a larger group is split into several requests, each with its own job ID.',
	},
	chargeOptions(
		'Whether to run every check and output, for each item, the charge as it would be sent, with the integration and property it is grouped by, without sending anything',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['charge'], operation: ['createBatch'] } },
	properties,
);

/** The charge and the property it is grouped by; the batch endpoint takes no property field. */
function prepareBatchCharge(read: ReadParameter, field: FieldContext): IDataObject {
	const { integration_id, ...charge } = prepareCharge(read, field);
	return { integration_id, property_id: preparePropertyId(read, field), ...charge };
}

export const chargeBatchWrite: WriteSpec = {
	noun: chargeNoun,
	url: '/v1/resident-charges/batch/resman/',
	batchSizeParameter: 'batchSize',
	prepare: prepareBatchCharge,
	resolve: resolveResidents,
	toUnits: (items: PreparedItem[], settings: WriteSettings) =>
		chunkByKey(items, propertyKey, settings.batchSize).map(toBatch),
	itemError(unit, index, error) {
		return batchItemError(this.getNode(), unit, index, error, {
			list: 'charges',
			noun: chargeNoun,
		});
	},
};

/** Posts the input items' charges in batches, one request per property and Batch Size charges. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runWrites.call(this, chargeBatchWrite);
}
