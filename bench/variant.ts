/**
 * One engine run of the benchmark in its own process (so that its peak memory is its own): the
 * workflow Test Items → node through n8n-core's WorkflowExecute, then one JSON line on stdout.
 *
 *   node --import tsx bench/variant.ts '<EngineArgs as JSON>'
 */
import Module from 'node:module';
import path from 'node:path';

import type { IDataObject, INodeExecutionData, INodeType, IVersionedNodeType } from 'n8n-workflow';

import { N8N_DIR } from '../scripts/n8n-local';
import { loadPackage, registerNodeType } from '../test/harness/engine';
import type { PaymentRun, PaymentRunOptions } from '../test/harness/paymentWorkflow';
import { PAYMENT_NODE, runPaymentNode } from '../test/harness/paymentWorkflow';
import {
	RESULT_MARKER,
	WINDOW_MS,
	type EngineArgs,
	type EngineResult,
	type ExecutionReport,
} from './protocol';
import {
	benchPayment,
	httpRequestParameters,
	propexoCreateParameters,
	propexoGetManyParameters,
} from './workflows';

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
export function loadHttpRequestNode(): INodeType | IVersionedNodeType {
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

function inputIndex(item: INodeExecutionData): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired === 'number' ? paired : paired?.item;
}

function report(run: PaymentRun, items: IDataObject[]): ExecutionReport {
	const task = run.run.data.resultData.runData[PAYMENT_NODE]?.[0];
	// Error items: on the error output, or on the main output with an `error` field.
	const failed = [...run.errors, ...run.success.filter((item) => item.json.error !== undefined)];
	return {
		nodeStartedAt: task?.startTime ?? 0,
		nodeMs: task?.executionTime ?? 0,
		runError: run.error?.message,
		runErrorDescription: (run.error as { description?: string } | undefined)?.description,
		reportedFailures: failed
			.map(inputIndex)
			.filter((index): index is number => index !== undefined)
			.map((index) => String(items[index]?.reference_number)),
		outputItems: run.success.length,
	};
}

async function main() {
	const args = JSON.parse(process.argv[2]) as EngineArgs;
	const inputs = args.prefixes.map((prefix) =>
		args.variant === 'get-many'
			? [{}]
			: Array.from({ length: args.count }, (_, n) => benchPayment(`${prefix}-${n}`)),
	);
	const options: Omit<PaymentRunOptions, 'items'> = {
		// The bench's rate-limit window, as the credential of a custom environment sets it.
		credential: { rateLimitWindowSeconds: WINDOW_MS / 1000 },
		parameters: propexoCreateParameters() as PaymentRunOptions['parameters'],
	};
	if (args.variant === 'http-default' || args.variant === 'http-batching') {
		const nodeType = loadHttpRequestNode();
		registerNodeType('n8n-nodes-base.httpRequest', nodeType);
		options.node = {
			type: 'n8n-nodes-base.httpRequest',
			// The version the editor adds today (4.5 in n8n 2.40.7).
			typeVersion: nodeType.description.defaultVersion ?? 1,
			parameters: httpRequestParameters(args.url, args.variant === 'http-batching') as never,
		};
	} else if (args.variant === 'validate-only') {
		options.parameters = propexoCreateParameters(true) as PaymentRunOptions['parameters'];
	} else if (args.variant === 'get-many') {
		options.parameters = propexoGetManyParameters(
			args.integrationId,
		) as PaymentRunOptions['parameters'];
	} else if (args.variant === 'shared-credential') {
		// Two executions of one workflow with one saved credential: one rate limiter.
		options.credentialId = 'bench-shared-credential';
		options.workflowId = 'bench-shared-workflow';
	}
	// Load the package before the clock starts, so that only the workflow is timed.
	await loadPackage();
	const startRssKb = process.resourceUsage().maxRSS;

	const runs = await Promise.all(
		inputs.map((items) => runPaymentNode(args, { ...options, items })),
	);
	const result: EngineResult = {
		executions: runs.map((run, index) => report(run, inputs[index])),
		startRssKb,
		maxRssKb: process.resourceUsage().maxRSS,
	};
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
