/**
 * The credential and workflows imported into the local n8n (by `npm run dev` and the e2e tests),
 * in the JSON format of n8n's `import:credentials` / `import:workflow` commands.
 */
import { SEED } from '../test/emulator';
import { CREDENTIAL_TYPE, NODE_TYPE } from './n8n-local';

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** A Propexo credential for a Custom base URL (the emulator). n8n encrypts `data` on import. */
export function propexoCredential(options: {
	id: string;
	name: string;
	baseUrl: string;
	token: string;
}): CredentialFixture {
	return {
		id: options.id,
		name: options.name,
		type: CREDENTIAL_TYPE,
		data: { accessToken: options.token, environment: 'custom', baseUrl: options.baseUrl },
	};
}

export interface SamplePayment {
	residentId: string;
	/** For people reading the workflow; not sent. */
	residentName?: string;
	paymentType: string;
	amountInCents: number | string;
	description: string;
	referenceNumber: string;
}

export interface WorkflowFixture {
	id: string;
	name: string;
	active: boolean;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings: Record<string, unknown>;
	pinData: Record<string, unknown>;
	tags: unknown[];
}

export const PAYMENT_NODE_NAME = 'Post Payment to ResMan';
export const SAMPLE_NODE_NAME = 'Sample Payments';
export const TRIGGER_NODE_NAME = 'When clicking ‘Execute workflow’';

/** The Code node's JavaScript: one item per payment, with a batch ID and date of this run. */
function sampleCode(payments: SamplePayment[], batchPrefix: string): string {
	return [
		'// Three sample resident payments. Replace this node with your own source',
		'// (a spreadsheet, a database, a webhook, ...) that outputs one item per payment.',
		`const payments = ${JSON.stringify(payments, null, 2)};`,
		'const now = new Date();',
		`const batchId = '${batchPrefix}-' + now.toISOString().slice(0, 10);`,
		'return payments.map((payment) => ({',
		'  json: { ...payment, batchId, transactionDate: now.toISOString(), notes: `Posted from n8n, batch ${batchId}` },',
		'}));',
	].join('\n');
}

/**
 * Manual Trigger → Code node (sample payments) → Propexo ResMan Payment (Create), every field
 * mapped from the item with an expression.
 */
export function paymentWorkflow(options: {
	id: string;
	name: string;
	credential: { id: string; name: string };
	integration: { id: string; name: string };
	payments: SamplePayment[];
	batchPrefix?: string;
	/** n8n's "On Error" setting of the payment node. */
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
	/** The node's Options collection, e.g. { waitForConfirmation: true }. */
	createOptions?: Record<string, unknown>;
}): WorkflowFixture {
	const paymentNode: Record<string, unknown> = {
		id: 'c0ffee00-0000-4000-8000-000000000003',
		name: PAYMENT_NODE_NAME,
		type: NODE_TYPE,
		typeVersion: 1,
		position: [660, 300],
		parameters: {
			operation: 'create',
			integrationId: {
				__rl: true,
				mode: 'list',
				value: options.integration.id,
				cachedResultName: options.integration.name,
			},
			residentId: { __rl: true, mode: 'id', value: '={{ $json.residentId }}' },
			paymentType: '={{ $json.paymentType }}',
			batchId: '={{ $json.batchId }}',
			transactionDate: '={{ $json.transactionDate }}',
			description: '={{ $json.description }}',
			notes: '={{ $json.notes }}',
			amountInCents: '={{ $json.amountInCents }}',
			referenceNumber: '={{ $json.referenceNumber }}',
			...(options.createOptions ? { createOptions: options.createOptions } : {}),
		},
		credentials: {
			[CREDENTIAL_TYPE]: { id: options.credential.id, name: options.credential.name },
		},
	};
	if (options.onError && options.onError !== 'stopWorkflow') paymentNode.onError = options.onError;
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [
			{
				id: 'c0ffee00-0000-4000-8000-000000000001',
				name: TRIGGER_NODE_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [220, 300],
				parameters: {},
			},
			{
				id: 'c0ffee00-0000-4000-8000-000000000002',
				name: SAMPLE_NODE_NAME,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [440, 300],
				parameters: { jsCode: sampleCode(options.payments, options.batchPrefix ?? 'n8n-demo') },
			},
			paymentNode,
		],
		connections: {
			[TRIGGER_NODE_NAME]: { main: [[{ node: SAMPLE_NODE_NAME, type: 'main', index: 0 }]] },
			[SAMPLE_NODE_NAME]: { main: [[{ node: PAYMENT_NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

/**
 * Manual Trigger → Propexo ResMan Payment with every field filled in by hand (no expressions),
 * the way a no-code user fills the form: one run posts one payment.
 */
export function formWorkflow(options: {
	id: string;
	name: string;
	credential: { id: string; name: string };
	integration: { id: string; name: string };
	resident: { id: string; name: string };
	payment: {
		paymentType: string;
		amountInCents: number;
		transactionDate: string;
		referenceNumber: string;
		batchId: string;
		description: string;
		notes: string;
	};
}): WorkflowFixture {
	return {
		id: options.id,
		name: options.name,
		active: false,
		nodes: [
			{
				id: 'c0ffee00-0000-4000-8000-000000000011',
				name: TRIGGER_NODE_NAME,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [220, 300],
				parameters: {},
			},
			{
				id: 'c0ffee00-0000-4000-8000-000000000013',
				name: PAYMENT_NODE_NAME,
				type: NODE_TYPE,
				typeVersion: 1,
				position: [480, 300],
				parameters: {
					operation: 'create',
					integrationId: {
						__rl: true,
						mode: 'list',
						value: options.integration.id,
						cachedResultName: options.integration.name,
					},
					residentId: {
						__rl: true,
						mode: 'list',
						value: options.resident.id,
						cachedResultName: options.resident.name,
					},
					...options.payment,
				},
				credentials: {
					[CREDENTIAL_TYPE]: { id: options.credential.id, name: options.credential.name },
				},
			},
		],
		connections: {
			[TRIGGER_NODE_NAME]: { main: [[{ node: PAYMENT_NODE_NAME, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		tags: [],
	};
}

/** Three payments for ordinary (non-failing) residents of the emulator's primary integration. */
export function samplePayments(): SamplePayment[] {
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	const residents = SEED.residentsOf(SEED.primaryIntegrationId).filter((r) => r.id !== failing);
	const maria = residents.find((r) => r.id === SEED.primaryResidentId)!;
	const others = residents.filter((r) => r.id !== maria.id).slice(0, 2);
	const types = ['ACH', 'Credit Card', 'Check'];
	const amounts = [145000, 12500, 98750];
	return [maria, ...others].map((resident, i) => ({
		residentId: resident.id,
		residentName: `${resident.first_name} ${resident.last_name}`,
		paymentType: types[i],
		amountInCents: amounts[i],
		description: `Rent payment – ${resident.first_name} ${resident.last_name}`,
		referenceNumber: `DEMO-${1001 + i}`,
	}));
}

/** The emulator's primary RESMAN integration (Oakwood Residential – ResMan). */
export function primaryIntegration() {
	const integration = SEED.integrations.find((i) => i.id === SEED.primaryIntegrationId)!;
	return { id: integration.id, name: String(integration.name) };
}
