import type { IDataObject, INode, INodeExecutionData, IRun } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { INPUT_NODE_TYPE, runWorkflow } from './engine';

let credentialCounter = 0;

/** The node a test workflow runs: Test Items → this node. */
export interface NodeUnderTest {
	id: string;
	type: string;
	name: string;
	/** The name of the Test Items node that feeds it. */
	inputName: string;
	parameters: IDataObject;
}

export interface NodeRun {
	run: IRun;
	/** Items on the node's main output (output 0). */
	success: INodeExecutionData[];
	/** Items on the error output when the node uses "Continue (using error output)". */
	errors: INodeExecutionData[];
	/** The error that stopped the workflow, if one did. */
	error: IRun['data']['resultData']['error'];
}

export interface NodeRunOptions {
	items: IDataObject[];
	/** Another node in the node's place (e.g. n8n's HTTP Request node); same credential. */
	node?: Omit<INode, 'id' | 'name' | 'position' | 'credentials'>;
	parameters?: IDataObject;
	onError?: INode['onError'];
	credential?: IDataObject;
	timezone?: string;
	/** Node settings such as retryOnFail, maxTries and waitBetweenTries. */
	settings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/** Pass the same id and object to two runs to make them executions of one saved workflow. */
	workflowId?: string;
	staticData?: IDataObject;
	mode?: 'manual' | 'webhook' | 'trigger';
	/** Another node id keeps the name (and so the static data) but not this process's memory. */
	nodeId?: string;
	/** Runs in another n8n process of that name: none of this process's memory. */
	process?: string;
	/** Keep the rate limiter of an earlier run, as one saved credential does. */
	credentialId?: string;
}

/** Runs Test Items → the node through n8n's engine against the emulator. */
export async function runPropexoNode(
	propexo: Pick<Emulator, 'url' | 'token'>,
	target: NodeUnderTest,
	options: NodeRunOptions,
): Promise<NodeRun> {
	// A fresh credential id gives each run its own rate limiter, as a new API key would.
	const credentialId = options.credentialId ?? `propexo-${++credentialCounter}`;
	const node: INode = {
		type: target.type,
		typeVersion: 1,
		parameters: (options.parameters ?? target.parameters) as INode['parameters'],
		...options.node,
		id: options.nodeId ?? target.id,
		name: target.name,
		position: [300, 0],
		credentials: { propexoApi: { id: credentialId, name: 'Propexo (emulator)' } },
		...(options.onError ? { onError: options.onError } : {}),
		...options.settings,
	};
	const run = await runWorkflow({
		nodes: [
			{
				id: 'items',
				name: target.inputName,
				type: INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items) },
			},
			node,
		],
		connections: {
			[target.inputName]: { main: [[{ node: target.name, type: 'main', index: 0 }]] },
		},
		credentials: {
			[credentialId]: {
				accessToken: propexo.token,
				environment: 'custom',
				baseUrl: propexo.url,
				...options.credential,
			},
		},
		timezone: options.timezone,
		workflowId: options.workflowId,
		staticData: options.staticData,
		mode: options.mode,
		process: options.process,
	});
	const output = run.data.resultData.runData[target.name]?.[0]?.data?.main ?? [];
	return {
		run,
		success: output[0] ?? [],
		errors: output[1] ?? [],
		error: run.data.resultData.error,
	};
}
