/**
 * One benchmark run in its own process (so that its peak memory is its own): posts N payments
 * through n8n's engine with the Propexo node or with n8n's HTTP Request node, then prints JSON.
 */
import path from 'node:path';

import type { IDataObject, INode, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { INPUT_NODE_TYPE, registerNodeType, runWorkflow } from '../test/harness/engine';
import { CREATE_FROM_JSON, PAYMENT_NODE, samplePayment } from '../test/harness/paymentWorkflow';
import { RESULT_MARKER, type Variant } from './protocol';

interface Args {
	variant: Variant;
	count: number;
	url: string;
	token: string;
	limit: number;
	windowMs: number;
	prefix: string;
}

const HTTP_REQUEST_NODE = path.resolve(
	__dirname,
	'../.n8n-local/n8n-2.40.7/node_modules/n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
);

function httpRequestNode(args: Args, batching: boolean): INode {
	const body =
		'={{ JSON.stringify({ integration_id: $json.integration_id, resident_id: $json.resident_id, payment_type: $json.payment_type, batch_id: $json.batch_id, transaction_date: $json.transaction_date, description: $json.description, notes: $json.notes, amount_in_cents: $json.amount_in_cents, reference_number: $json.reference_number }) }}';
	return {
		id: 'http',
		name: PAYMENT_NODE,
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position: [300, 0],
		parameters: {
			method: 'POST',
			url: `${args.url}/v1/resident-payments/resman/`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'propexoApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			options: batching
				? { batching: { batch: { batchSize: args.limit, batchInterval: args.windowMs } } }
				: {},
		},
		credentials: { propexoApi: { id: 'bench', name: 'Propexo (emulator)' } },
	};
}

async function main() {
	const args = JSON.parse(process.argv[2]) as Args;
	const items: IDataObject[] = Array.from({ length: args.count }, (_, n) =>
		samplePayment({ reference_number: `${args.prefix}-${n}` }),
	);
	let node: INode;
	if (args.variant === 'propexo-node') {
		node = {
			id: 'payment',
			name: PAYMENT_NODE,
			type: 'n8n-nodes-propexo.propexoResmanPayment',
			typeVersion: 1,
			position: [300, 0],
			parameters: CREATE_FROM_JSON as INode['parameters'],
			credentials: { propexoApi: { id: 'bench', name: 'Propexo (emulator)' } },
		};
	} else {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(HTTP_REQUEST_NODE) as {
			HttpRequest: new () => INodeType | IVersionedNodeType;
		};
		registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
		node = httpRequestNode(args, args.variant === 'http-request-batching');
	}

	const started = performance.now();
	const run = await runWorkflow({
		nodes: [
			{
				id: 'items',
				name: 'Payments',
				type: INPUT_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: JSON.stringify(items) },
			},
			node,
		],
		connections: { Payments: { main: [[{ node: PAYMENT_NODE, type: 'main', index: 0 }]] } },
		credentials: {
			bench: {
				accessToken: args.token,
				environment: 'custom',
				baseUrl: args.url,
				rateLimitWindowSeconds: args.windowMs / 1000,
			},
		},
	});
	const wallMs = performance.now() - started;
	const output = run.data.resultData.runData[PAYMENT_NODE]?.[0]?.data?.main?.[0] ?? [];
	const reportedFailures = output
		.filter((item) => item.json.error !== undefined)
		.map((item) => String(items[(item.pairedItem as { item: number }).item].reference_number));
	process.stdout.write(
		RESULT_MARKER +
			JSON.stringify({
				wallMs,
				maxRssKb: process.resourceUsage().maxRSS,
				runFailed: run.data.resultData.error !== undefined,
				reportedFailures,
			}),
	);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
