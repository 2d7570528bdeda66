/**
 * One benchmark run in its own process (so that its peak memory is its own): posts N payments
 * through n8n's engine with the Propexo node or with n8n's HTTP Request node, then prints JSON.
 */
import path from 'node:path';

import type { IDataObject, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { registerNodeType } from '../test/harness/engine';
import type { PaymentRunOptions } from '../test/harness/paymentWorkflow';
import { runPaymentNode, samplePayment } from '../test/harness/paymentWorkflow';
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

function httpRequestNode(args: Args, batching: boolean): PaymentRunOptions['node'] {
	const body =
		'={{ JSON.stringify({ integration_id: $json.integration_id, resident_id: $json.resident_id, payment_type: $json.payment_type, batch_id: $json.batch_id, transaction_date: $json.transaction_date, description: $json.description, notes: $json.notes, amount_in_cents: $json.amount_in_cents, reference_number: $json.reference_number }) }}';
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
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
	};
}

async function main() {
	const args = JSON.parse(process.argv[2]) as Args;
	const items: IDataObject[] = Array.from({ length: args.count }, (_, n) =>
		samplePayment({ reference_number: `${args.prefix}-${n}` }),
	);
	let node: PaymentRunOptions['node'];
	if (args.variant !== 'propexo-node') {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { HttpRequest } = require(HTTP_REQUEST_NODE) as {
			HttpRequest: new () => INodeType | IVersionedNodeType;
		};
		registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());
		node = httpRequestNode(args, args.variant === 'http-request-batching');
	}

	const started = performance.now();
	const { run, success } = await runPaymentNode(args, {
		items,
		node,
		credential: { rateLimitWindowSeconds: args.windowMs / 1000 },
	});
	const wallMs = performance.now() - started;
	const reportedFailures = success
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
