import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	searchChargeCodes,
	searchIntegrations,
	searchProperties,
	searchResidents,
} from '../shared/methods/listSearch';
import { ledgerDescription } from '../shared/ledgerResource';
import { requestOptionsProperty } from '../shared/transport/requestOptions';
import { chargeNoun } from './actions/charge/fields';
import * as charge from './actions/charge';
import * as chargeCode from './actions/chargeCode';
import { router } from './actions/router';
import * as writeStatus from './actions/writeStatus';

export class PropexoResmanCharge implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Propexo ResMan Charge',
		name: 'propexoResmanCharge',
		icon: { light: 'file:propexo.svg', dark: 'file:propexo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ { charge: "Charge", chargeCode: "Charge Code", writeStatus: "Write Status", ledger: "Ledger" }[$parameter["resource"]] + ": " + { create: "Create", createBatch: "Create in Batch", get: "Get", getMany: "Get Many", reconcile: "Reconcile", lookUp: "Look Up", markRecorded: "Mark as Recorded", markNotRecorded: "Mark as Not Recorded" }[$parameter["operation"]] }}',
		description: 'Post resident charges into ResMan through Propexo, one by one or in batches',
		defaults: { name: 'Propexo ResMan Charge' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'propexoApi', required: true }],
		usableAsTool: true,
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				default: 'charge',
				options: [
					{ name: 'Charge', value: 'charge' },
					{ name: 'Charge Code', value: 'chargeCode' },
					{ name: 'Write Status', value: 'writeStatus' },
					{ name: 'Ledger', value: 'ledger' },
				],
			},
			...charge.description,
			...chargeCode.description,
			...ledgerDescription(chargeNoun),
			...writeStatus.description,
			requestOptionsProperty,
		],
	};

	methods = {
		listSearch: { searchChargeCodes, searchIntegrations, searchProperties, searchResidents },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
