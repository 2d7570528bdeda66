import type { IDataObject, INode, INodeExecutionData, IRun } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { SEED } from '../emulator';
import { INPUT_NODE_TYPE, PAYMENT_NODE_TYPE, runWorkflow } from './engine';

export const PAYMENT_NODE = 'ResMan Payment';

let credentialCounter = 0;

/** One valid payment for the seeded primary resident; override fields per test. */
export function samplePayment(overrides: IDataObject = {}): IDataObject {
	return {
		integration_id: SEED.primaryIntegrationId,
		resident_id: SEED.primaryResidentId,
		payment_type: 'Check',
		batch_id: 'portal-2026-11-25',
		transaction_date: '2026-11-25T14:30:00Z',
		description: 'November rent',
		notes: 'Paid through the resident portal',
		amount_in_cents: 125000,
		reference_number: `PMT-${Math.random().toString(36).slice(2, 10)}`,
		...overrides,
	};
}

/** Create parameters that map every field from the input item with expressions. */
export const CREATE_FROM_JSON: IDataObject = {
	operation: 'create',
	integrationId: { __rl: true, mode: 'id', value: '={{ $json.integration_id }}' },
	residentId: { __rl: true, mode: 'id', value: '={{ $json.resident_id }}' },
	paymentType: '={{ $json.payment_type }}',
	amountInCents: '={{ $json.amount_in_cents }}',
	transactionDate: '={{ $json.transaction_date }}',
	referenceNumber: '={{ $json.reference_number }}',
	batchId: '={{ $json.batch_id }}',
	description: '={{ $json.description }}',
	notes: '={{ $json.notes }}',
};

export interface PaymentRun {
	run: IRun;
	/** Items on the node's main output (output 0). */
	success: INodeExecutionData[];
	/** Items on the error output when the node uses "Continue (using error output)". */
	errors: INodeExecutionData[];
	/** The error that stopped the workflow, if one did. */
	error: IRun['data']['resultData']['error'];
}

export interface PaymentRunOptions {
	items: IDataObject[];
	/** Another node in the payment node's place (e.g. n8n's HTTP Request node); same credential. */
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
	/** Keep the rate limiter of an earlier run, as one saved credential does. */
	credentialId?: string;
}

/** Runs Test Items → ResMan Payment through n8n's engine against the emulator. */
export async function runPaymentNode(
	propexo: Pick<Emulator, 'url' | 'token'>,
	options: PaymentRunOptions,
): Promise<PaymentRun> {
	// A fresh credential id gives each run its own rate limiter, as a new API key would.
	const credentialId = options.credentialId ?? `propexo-${++credentialCounter}`;
	const paymentNode: INode = {
		type: PAYMENT_NODE_TYPE,
		typeVersion: 1,
		parameters: (options.parameters ?? CREATE_FROM_JSON) as INode['parameters'],
		...options.node,
		id: options.nodeId ?? 'payment',
		name: PAYMENT_NODE,
		position: [300, 0],
		credentials: { propexoApi: { id: credentialId, name: 'Propexo (emulator)' } },
		...(options.onError ? { onError: options.onError } : {}),
		...options.settings,
	};
	const run = await runWorkflow({
		nodes: [
			{
				id: 'items',
				name: 'Payments',
				type: INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(options.items) },
			},
			paymentNode,
		],
		connections: { Payments: { main: [[{ node: PAYMENT_NODE, type: 'main', index: 0 }]] } },
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
	});
	const output = run.data.resultData.runData[PAYMENT_NODE]?.[0]?.data?.main ?? [];
	return {
		run,
		success: output[0] ?? [],
		errors: output[1] ?? [],
		error: run.data.resultData.error,
	};
}

/** POSTs the emulator received on the ResMan payment endpoint. */
export function paymentPosts(emulator: Emulator) {
	return emulator.requests.filter(
		(request) => request.method === 'POST' && request.path === '/v1/resident-payments/resman/',
	);
}
