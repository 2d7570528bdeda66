import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	searchIntegrations,
	searchProperties,
	searchResidents,
} from '../shared/methods/listSearch';
import { ledgerDescription } from '../shared/ledgerResource';
import { requestOptionsProperty } from '../shared/transport/requestOptions';
import * as payment from './actions/payment';
import * as resident from './actions/resident';
import { router } from './actions/router';

const paymentNoun = { one: 'payment', many: 'payments' };

export class PropexoResmanPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Propexo ResMan Payment',
		name: 'propexoResmanPayment',
		icon: { light: 'file:propexo.svg', dark: 'file:propexo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ ($parameter["resource"] === "ledger" ? "Ledger: " : "") + { create: "Create", get: "Get", getMany: "Get Many", getWriteStatus: "Get Write Status", reconcile: "Reconcile", find: "Find", lookUp: "Look Up", markRecorded: "Mark as Recorded", markNotRecorded: "Mark as Not Recorded" }[$parameter["operation"]] }}',
		description: 'Post resident payments into ResMan through Propexo',
		defaults: { name: 'Propexo ResMan Payment' },
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
				default: 'payment',
				options: [
					{ name: 'Ledger', value: 'ledger' },
					{ name: 'Payment', value: 'payment' },
					{ name: 'Resident', value: 'resident' },
				],
			},
			...payment.description,
			...resident.description,
			...ledgerDescription(paymentNoun),
			requestOptionsProperty,
		],
	};

	methods = {
		listSearch: { searchIntegrations, searchProperties, searchResidents },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
