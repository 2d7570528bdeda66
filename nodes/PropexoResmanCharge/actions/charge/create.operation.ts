import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { propertyLocatorWith } from '../../../shared/locators';
import { resolveResidents } from '../../../shared/residents/resolve';
import { runWrites } from '../../../shared/writes/runWrites';
import type { WriteSpec } from '../../../shared/writes/spec';
import { oneRecordEach } from '../../../shared/writes/units';
import { chargeNoun, chargeOptions, chargeProperties, prepareCharge } from './fields';

const properties = [
	...chargeProperties(
		propertyLocatorWith({
			displayName: 'Property (Narrows the Resident and Charge Code Lists)',
			description:
				"Optional: show only this property's residents and its charge codes in the lists below. Not sent with the charge.",
		}),
	),
	chargeOptions(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['charge'], operation: ['create'] } },
	properties,
);

export const chargeWrite: WriteSpec = {
	noun: chargeNoun,
	url: '/v1/resident-charges/resman/',
	prepare: prepareCharge,
	resolve: resolveResidents,
	toUnits: oneRecordEach(chargeNoun, 'Write Status → Get'),
};

/** Posts one resident charge per input item. */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	return await runWrites.call(this, chargeWrite);
}
