/**
 * One benchmark run in its own process (so that its peak memory is its own): posts N payments
 * through n8n's engine with the Propexo node or with n8n's HTTP Request node, then prints JSON.
 */
import Module from 'node:module';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { N8N_DIR } from '../scripts/n8n-local';
import { loadPackage, registerNodeType } from '../test/harness/engine';
import type { PaymentRunOptions } from '../test/harness/paymentWorkflow';
import { runPaymentNode, samplePayment } from '../test/harness/paymentWorkflow';
import { RESULT_MARKER, type VariantArgs, type VariantResult } from './protocol';

const N8N_MODULES = path.join(N8N_DIR, 'node_modules');
const HTTP_REQUEST_NODE = path.join(
	N8N_MODULES,
	'n8n-nodes-base/dist/nodes/HttpRequest/HttpRequest.node.js',
);
/** Packages that must exist once in the process, as they do in a real n8n install. */
const SHARED = new Set(['n8n-workflow', 'n8n-core']);

type Resolve = (request: string, parent: NodeJS.Module | undefined, ...rest: unknown[]) => string;

/**
 * Loads n8n's HTTP Request node from the local n8n install. Its `require('n8n-workflow')` is
 * pointed at this project's copy (the same version, 2.40.1), so that the errors n8n-core throws
 * and the node's `instanceof NodeApiError` checks see one class, as in a real n8n.
 */
function loadHttpRequestNode(): INodeType | IVersionedNodeType {
	for (const name of SHARED) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const theirs = (require(path.join(N8N_MODULES, name, 'package.json')) as { version: string })
			.version;
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const ours = (require(`${name}/package.json`) as { version: string }).version;
		if (theirs !== ours) {
			console.error(`note: n8n's ${name} is ${theirs}, this project's is ${ours}; using ours`);
		}
	}
	const loader = Module as unknown as { _resolveFilename: Resolve };
	const original = loader._resolveFilename;
	loader._resolveFilename = function (request, parent, ...rest) {
		if (SHARED.has(request) && parent?.filename?.startsWith(N8N_MODULES)) {
			return require.resolve(request);
		}
		return original.call(this, request, parent, ...rest);
	};
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(HTTP_REQUEST_NODE) as {
		HttpRequest: new () => INodeType | IVersionedNodeType;
	};
	return new HttpRequest();
}

/** The HTTP Request node as a user would set it up: POST, Propexo credential, JSON body. */
function httpRequestNode(
	args: VariantArgs,
	nodeType: INodeType | IVersionedNodeType,
	batching: boolean,
): PaymentRunOptions['node'] {
	const fields = [
		'integration_id',
		'resident_id',
		'payment_type',
		'batch_id',
		'transaction_date',
		'description',
		'notes',
		'amount_in_cents',
		'reference_number',
	];
	const body = `={{ JSON.stringify({ ${fields.map((field) => `${field}: $json.${field}`).join(', ')} }) }}`;
	return {
		type: 'n8n-nodes-base.httpRequest',
		// The version the editor adds today (4.5 in n8n 2.40.7).
		typeVersion: nodeType.description.defaultVersion ?? 1,
		parameters: {
			method: 'POST',
			url: `${args.url}/v1/resident-payments/resman/`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: 'propexoApi',
			sendBody: true,
			specifyBody: 'json',
			jsonBody: body,
			// Batching set to exactly the limit: one batch per rate-limit window.
			options: batching
				? { batching: { batch: { batchSize: args.limit, batchInterval: args.windowMs } } }
				: {},
		},
	};
}

function inputIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

async function main() {
	const args = JSON.parse(process.argv[2]) as VariantArgs;
	const items: IDataObject[] = Array.from({ length: args.count }, (_, n) =>
		samplePayment({ reference_number: `${args.prefix}-${n}` }),
	);
	let node: PaymentRunOptions['node'];
	if (args.variant !== 'propexo-node') {
		const nodeType = loadHttpRequestNode();
		registerNodeType('n8n-nodes-base.httpRequest', nodeType);
		node = httpRequestNode(args, nodeType, args.variant === 'http-request-batching');
	}
	// Load the package before the clock starts, so that only the workflow is timed.
	await loadPackage();
	const startRssKb = process.resourceUsage().maxRSS;

	const startedAt = Date.now();
	const started = performance.now();
	const { success, errors, error } = await runPaymentNode(args, {
		items,
		node,
		credential: { rateLimitWindowSeconds: args.windowMs / 1000 },
	});
	const wallMs = performance.now() - started;

	// Error items: on the error output, or on the main output with an `error` field.
	const failed = [...errors, ...success.filter((item) => item.json.error !== undefined)];
	const reportedFailures = failed
		.map(inputIndex)
		.filter((index): index is number => index !== undefined)
		.map((index) => String(items[index].reference_number));
	const result: VariantResult = {
		wallMs,
		startedAt,
		startRssKb,
		maxRssKb: process.resourceUsage().maxRSS,
		runError: error?.message,
		reportedFailures,
	};
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
