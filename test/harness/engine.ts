import path from 'node:path';

import {
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	PackageDirectoryLoader,
	WorkflowExecute,
} from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	INodeTypes,
	IRun,
	IRunExecutionData,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	IConnections,
} from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { InMemoryCredentialsHelper } from './credentialsHelper';
import { initProcessedData } from './processedData';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-propexo';
export const PAYMENT_NODE_TYPE = `${PACKAGE_NAME}.propexoResmanPayment`;
export const INPUT_NODE_TYPE = 'test.items';

/** A start node that emits the items in its `items` parameter, like a Manual Trigger + Set. */
class TestItems implements INodeType {
	description = {
		displayName: 'Test Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Test Items' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }],
	} as unknown as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

/**
 * What n8n's credential tester does with a credential's `test` block: a throw-away declarative
 * node whose only request is that test request, run with the credential.
 */
function credentialTestNode(credential: ICredentialType): INodeType {
	return {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credential.name, required: true }],
			requestDefaults: credential.test?.request,
			properties: [],
		} as unknown as INodeType['description'],
	};
}

interface LoadedPackage {
	nodeTypes: INodeTypes;
	credentialTypes: Record<string, ICredentialType>;
	loader: PackageDirectoryLoader;
}

let loaded: Promise<LoadedPackage> | undefined;
const extraTypes: Record<string, INodeType | IVersionedNodeType> = {};

/** Makes another node type (e.g. one of n8n's own) available to the workflows run here. */
export function registerNodeType(type: string, nodeType: INodeType | IVersionedNodeType): void {
	extraTypes[type] = nodeType;
}

async function loadWith(loader: PackageDirectoryLoader): Promise<LoadedPackage> {
	await loader.loadAll();
	const types: Record<string, INodeType | IVersionedNodeType> = {
		[INPUT_NODE_TYPE]: new TestItems(),
	};
	for (const [name, data] of Object.entries(loader.nodeTypes)) {
		types[`${PACKAGE_NAME}.${name}`] = data.type;
	}
	const find = (type: string) => types[type] ?? extraTypes[type];
	const nodeTypes: INodeTypes = {
		getByName: (type) => find(type),
		getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(find(type), version),
		getKnownTypes: () => ({}),
	};
	const credentialTypes: Record<string, ICredentialType> = {};
	for (const [name, data] of Object.entries(loader.credentialTypes)) {
		credentialTypes[name] = data.type;
		types[`test.credentialTest.${name}`] = credentialTestNode(data.type);
	}
	return { nodeTypes, credentialTypes, loader };
}

/** Loads the built package from dist/ with n8n's own package loader, once per test file. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		await initProcessedData();
		return await loadWith(new PackageDirectoryLoader(PACKAGE_ROOT));
	})();
	return await loaded;
}

const processes = new Map<string, Promise<LoadedPackage>>();
let isolating: Promise<void> = Promise.resolve();

/**
 * The package loaded afresh, as another n8n process has it (after a restart, or a second
 * queue-mode worker): its modules hold none of the first one's memory. n8n-workflow stays shared,
 * as n8n itself shares it with every package.
 */
export async function loadInProcess(name: string): Promise<LoadedPackage> {
	await loadPackage();
	let process = processes.get(name);
	if (!process) {
		const workflowModule = jest.requireActual<typeof import('n8n-workflow')>('n8n-workflow');
		// One at a time: jest isolates one module registry at once.
		process = isolating.then(async () => {
			let result: LoadedPackage | undefined;
			await jest.isolateModulesAsync(async () => {
				jest.doMock('n8n-workflow', () => workflowModule);
				result = await loadWith(new PackageDirectoryLoader(PACKAGE_ROOT));
			});
			return result as LoadedPackage;
		});
		isolating = process.then(() => undefined);
		processes.set(name, process);
	}
	return await process;
}

export interface RunOptions {
	nodes: INode[];
	connections: IConnections;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	timezone?: string;
	/** The same id and static data in two runs make them two executions of one saved workflow. */
	workflowId?: string;
	staticData?: IDataObject;
	mode?: 'manual' | 'webhook' | 'trigger';
	/** Runs it in another n8n process of that name (see loadInProcess). */
	process?: string;
	/** The first node's input: what a webhook returned as workflowData (default one empty item). */
	startData?: INodeExecutionData[][];
}

let workflowCounter = 0;

export function additionalDataFor(
	credentialTypes: Record<string, ICredentialType>,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks?: ExecutionLifecycleHooks,
	currentNodeParameters?: INode['parameters'],
): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: new InMemoryCredentialsHelper(credentialTypes, credentials),
		hooks,
		currentNodeParameters,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		formBaseUrl: '',
		formWaitingBaseUrl: '',
		formTestBaseUrl: '',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		mcpBaseUrl: '',
		mcpTestBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => {
			throw new Error('task runners are not used in these tests');
		},
	} as unknown as IWorkflowExecuteAdditionalData;
}

function timedOut(run: IRun): boolean {
	return run.data.resultData.error?.name === 'TimeoutExecutionCancelledError';
}

/** Runs a workflow through n8n-core's WorkflowExecute, starting at its first node. */
export async function runWorkflow(options: RunOptions): Promise<IRun> {
	const { nodeTypes, credentialTypes } = options.process
		? await loadInProcess(options.process)
		: await loadPackage();
	const workflowData: IWorkflowBase = {
		id: options.workflowId ?? `test-workflow-${++workflowCounter}`,
		name: 'Test workflow',
		active: false,
		isArchived: false,
		nodes: options.nodes,
		connections: options.connections,
		createdAt: new Date(),
		updatedAt: new Date(),
		settings: { executionOrder: 'v1', timezone: options.timezone ?? 'UTC' },
	} as IWorkflowBase;
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		settings: workflowData.settings,
		// Loaded from the database at the start: a copy, not the saved object itself.
		staticData: options.staticData
			? (JSON.parse(JSON.stringify(options.staticData)) as IDataObject)
			: undefined,
	});

	const mode = options.mode ?? 'manual';
	const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
	let resolveFinished: (run: IRun) => void = () => {};
	const finished = new Promise<IRun>((resolve) => (resolveFinished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => resolveFinished(run));
	const additionalData = additionalDataFor(credentialTypes, options.credentials ?? {}, hooks);

	const startNode = options.nodes[0];
	const runExecutionData: IRunExecutionData = {
		version: 1,
		startData: {},
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{ node: startNode, data: { main: options.startData ?? [[{ json: {} }]] }, source: null },
			],
			waitingExecution: {},
			waitingExecutionSource: null,
		},
	} as unknown as IRunExecutionData;

	const execution = new WorkflowExecute(additionalData, mode, runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;
	// n8n's rules: static data is saved whole at the end of a production execution that was
	// neither cancelled nor timed out; a manual run's is never saved.
	const saved = mode !== 'manual' && run.status !== 'canceled' && !timedOut(run);
	if (options.staticData && workflow.staticData && saved) {
		for (const key of Object.keys(options.staticData)) delete options.staticData[key];
		Object.assign(options.staticData, JSON.parse(JSON.stringify(workflow.staticData)));
	}
	return run;
}

/** Runs a credential type's test request with `data`, as n8n's "Test" button does. */
export async function testCredential(
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<{ status: 'OK' } | { status: 'Error'; message: string; httpCode?: string }> {
	const run = await runWorkflow({
		nodes: [
			{
				id: 'test',
				name: 'Credential Test',
				type: `test.credentialTest.${credentialType}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
				credentials: { [credentialType]: { id: 'under-test', name: 'Under test' } },
			},
		],
		connections: {},
		credentials: { 'under-test': data },
	});
	const error = run.data.resultData.error as { message: string; httpCode?: string } | undefined;
	return error
		? { status: 'Error', message: error.message, httpCode: error.httpCode }
		: { status: 'OK' };
}

/**
 * Calls a list-search method of `node` the way the editor does: in n8n's LoadOptionsContext,
 * with the node's current parameters.
 */
export async function listSearch(
	node: INode,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
) {
	const { nodeTypes, credentialTypes } = await loadPackage();
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
	});
	const additionalData = additionalDataFor(
		credentialTypes,
		credentials,
		undefined,
		node.parameters,
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion) as INodeType;
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No list search ${method}`);
	return await search.call(context, filter, paginationToken);
}
