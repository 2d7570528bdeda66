/**
 * One engine run of the benchmark in its own process (so that its peak memory is its own): the
 * workflow Test Items → node through n8n-core's WorkflowExecute, then one JSON line on stdout.
 *
 *   node --import tsx bench/variant.ts '<EngineArgs as JSON>'
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { loadPackage } from '../test/harness/engine';
import type { PaymentRun, PaymentRunOptions } from '../test/harness/paymentWorkflow';
import { PAYMENT_NODE, runPaymentNode } from '../test/harness/paymentWorkflow';
import { childArgs, printResult, runMain } from './child';
import { httpRequestNode } from './http-request-node';
import { WINDOW_MS, type EngineArgs, type EngineResult, type ExecutionReport } from './protocol';
import {
	benchPayment,
	httpRequestParameters,
	propexoCreateParameters,
	propexoGetManyParameters,
} from './workflows';

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
	const args = childArgs<EngineArgs>();
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
		options.node = httpRequestNode(
			httpRequestParameters(args.url, args.variant === 'http-batching'),
		);
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
	printResult(result);
}

if (require.main === module) runMain(main);
