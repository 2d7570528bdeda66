/**
 * The Propexo Trigger as n8n drives it: activation (checkExists/create) and deactivation in n8n's
 * HookContext, each delivery in its WebhookContext with the raw body n8n keeps, and, when the
 * webhook returns workflowData, the execution through the engine. Static data is saved after each
 * step, as n8n saves it.
 */
import { HookContext, WebhookContext } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeType,
	IRun,
	IWebhookData,
	IWebhookResponseData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { PACKAGE_NAME, additionalDataFor, loadPackage, runWorkflow } from './engine';

export const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.propexoTrigger`;
export const TRIGGER_NODE = 'Propexo Trigger';
export const WEBHOOK_BASE = 'http://127.0.0.1:5909/webhook';

export interface TriggerSetup {
	emulator: Pick<Emulator, 'url' | 'token'>;
	parameters: IDataObject;
	workflowId: string;
	/** The saved workflow's static data, shared by every step (and by a Payment node's runs). */
	staticData: IDataObject;
	credentialId?: string;
	/** n8n's webhook base URL: where Propexo is told to deliver. */
	webhookBase?: string;
}

export function triggerNode(setup: TriggerSetup): INode {
	return {
		id: 'trigger',
		name: TRIGGER_NODE,
		type: TRIGGER_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: `hook-${setup.workflowId}`,
		parameters: setup.parameters as INode['parameters'],
		credentials: { propexoApi: { id: setup.credentialId ?? 'trigger-cred', name: 'Propexo' } },
	};
}

function credentialsOf(setup: TriggerSetup) {
	return {
		[setup.credentialId ?? 'trigger-cred']: {
			accessToken: setup.emulator.token,
			environment: 'custom',
			baseUrl: setup.emulator.url,
		},
	};
}

async function context(setup: TriggerSetup) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const node = triggerNode(setup);
	const workflow = new Workflow({
		id: setup.workflowId,
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(setup.staticData)) as IDataObject,
	});
	const nodeType = nodeTypes.getByNameAndVersion(node.type, 1) as INodeType;
	const save = () => {
		for (const key of Object.keys(setup.staticData)) delete setup.staticData[key];
		Object.assign(setup.staticData, JSON.parse(JSON.stringify(workflow.staticData)));
	};
	return { node, workflow, nodeType, credentialTypes, save };
}

function webhookData(setup: TriggerSetup, node: INode): IWebhookData {
	return {
		httpMethod: 'POST',
		node: node.name,
		path: `${node.webhookId}/webhook`,
		webhookDescription: {
			name: 'default',
			httpMethod: 'POST',
			responseMode: 'onReceived',
			path: 'webhook',
		},
		workflowId: setup.workflowId,
		workflowExecuteAdditionalData: {},
	} as unknown as IWebhookData;
}

/** n8n's activation: checkExists, then create when it says no. Returns whether it created one. */
export async function activate(setup: TriggerSetup, mode: WorkflowActivateMode = 'activate') {
	const { node, workflow, nodeType, credentialTypes, save } = await context(setup);
	const additionalData = additionalDataFor(credentialTypes, credentialsOf(setup));
	additionalData.webhookBaseUrl = setup.webhookBase ?? WEBHOOK_BASE;
	const hook = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		mode,
		webhookData(setup, node),
	);
	const methods = nodeType.webhookMethods!.default!;
	const exists = await methods.checkExists.call(hook);
	const created = exists ? false : await methods.create.call(hook);
	save();
	return { exists, created, url: hook.getNodeWebhookUrl('default') };
}

export async function deactivate(setup: TriggerSetup): Promise<boolean> {
	const { node, workflow, nodeType, credentialTypes, save } = await context(setup);
	const additionalData = additionalDataFor(credentialTypes, credentialsOf(setup));
	additionalData.webhookBaseUrl = setup.webhookBase ?? WEBHOOK_BASE;
	const hook = new HookContext(
		workflow,
		node,
		additionalData,
		'trigger',
		'activate',
		webhookData(setup, node),
	);
	const deleted = await nodeType.webhookMethods!.default!.delete.call(hook);
	save();
	return deleted;
}

export interface DeliveryResult {
	status: number;
	answer: unknown;
	response: IWebhookResponseData;
	/** The execution the delivery started, if it started one. */
	run?: IRun;
	/** The trigger's output items in that execution. */
	items: IDataObject[];
}

/** One delivery as n8n receives it on the trigger's production URL. */
export async function deliver(
	setup: TriggerSetup,
	raw: string,
	headers: Record<string, string>,
): Promise<DeliveryResult> {
	const { node, workflow, nodeType, credentialTypes, save } = await context(setup);
	// n8n runs the execution with the static data as loaded before the webhook changed it, and
	// saves that copy at the end, over what the webhook saved.
	const loaded = JSON.parse(JSON.stringify(setup.staticData)) as IDataObject;
	const additionalData = additionalDataFor(credentialTypes, credentialsOf(setup));
	const lowered = Object.fromEntries(
		Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]),
	);
	let body: unknown = {};
	try {
		body = JSON.parse(raw);
	} catch {
		// n8n hands the node an empty body when the JSON does not parse.
	}
	const response = { statusCode: 200, answer: undefined as unknown };
	const res = {
		status(code: number) {
			response.statusCode = code;
			return res;
		},
		json(answer: unknown) {
			response.answer = answer;
			return res;
		},
		send(answer: unknown) {
			response.answer = answer;
			return res;
		},
		end() {
			return res;
		},
	};
	Object.assign(additionalData, {
		httpRequest: {
			method: 'POST',
			body,
			rawBody: Buffer.from(raw, 'utf8'),
			headers: lowered,
			params: {},
			query: {},
		},
		httpResponse: res,
	});
	const webhook = new WebhookContext(
		workflow,
		node,
		additionalData,
		'webhook',
		webhookData(setup, node),
		[],
		null,
	);
	const result = await nodeType.webhook!.call(webhook);
	save();
	if (!result.workflowData) {
		return {
			status: response.statusCode,
			answer: result.noWebhookResponse ? response.answer : result.webhookResponse,
			response: result,
			items: [],
		};
	}
	const run = await runWorkflow({
		nodes: [node],
		connections: {},
		credentials: credentialsOf(setup),
		workflowId: setup.workflowId,
		staticData: loaded,
		mode: 'webhook',
		startData: result.workflowData,
	});
	for (const key of Object.keys(setup.staticData)) delete setup.staticData[key];
	Object.assign(setup.staticData, loaded);
	const items = (run.data.resultData.runData[TRIGGER_NODE]?.[0]?.data?.main?.[0] ?? []).map(
		(item) => item.json,
	);
	return { status: 200, answer: undefined, response: result, run, items };
}
