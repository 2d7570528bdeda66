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
import { requestOptionsProperty } from '../shared/transport/requestOptions';
import * as payment from './actions/payment';
import { router } from './actions/router';

export class PropexoResmanPayment implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Propexo ResMan Payment',
		name: 'propexoResmanPayment',
		icon: { light: 'file:propexo.svg', dark: 'file:propexo.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle:
			'={{ { create: "Create", get: "Get", getMany: "Get Many", getWriteStatus: "Get Write Status" }[$parameter["operation"]] }}',
		description: 'Post resident payments into ResMan through Propexo',
		defaults: { name: 'Propexo ResMan Payment' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'propexoApi', required: true }],
		usableAsTool: true,
		properties: [...payment.description, requestOptionsProperty],
	};

	methods = {
		listSearch: { searchIntegrations, searchProperties, searchResidents },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
