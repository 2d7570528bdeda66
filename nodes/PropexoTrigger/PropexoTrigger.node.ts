import type {
	IExecuteFunctions,
	IHookFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchIntegrations } from '../shared/methods/listSearch';
import { receive } from './delivery';
import { triggerProperties } from './description';
import { checkExists as webhookExists, createWebhook, deleteWebhook } from './lifecycle';
import { outputEvents } from './output';

export class PropexoTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Propexo Trigger',
		name: 'propexoTrigger',
		icon: { light: 'file:propexo.svg', dark: 'file:propexo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["events"] || []).join(", ") }}',
		description:
			'Starts the workflow when ResMan rejects a payment or charge, or when Propexo syncs records',
		defaults: { name: 'Propexo Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'propexoApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: triggerProperties,
	};

	methods = { listSearch: { searchIntegrations } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await webhookExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await createWebhook.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deleteWebhook.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await outputEvents.call(this);
	}
}
