/**
 * One engine run of the charge benchmark in its own process: Test Items → the Charge node
 * (Create, or Create in Batch) or n8n's HTTP Request node posting single charges, through
 * n8n-core's WorkflowExecute, then one JSON line on stdout.
 *
 *   node --import tsx bench/charge-variant.ts '<ChargeArgs as JSON>'
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../test/emulator';
import {
	CHARGE_NODE,
	CHARGE_URL,
	CREATE_BATCH_FROM_JSON,
	CREATE_CHARGE_FROM_JSON,
	runChargeNode,
	sampleCharge,
} from '../test/harness/chargeWorkflow';
import { loadPackage, registerNodeType } from '../test/harness/engine';
import type { NodeRunOptions } from '../test/harness/nodeWorkflow';
import { LIMIT, RESULT_MARKER, WINDOW_MS } from './protocol';
import { loadHttpRequestNode } from './variant';

export type ChargeVariant = 'charge-single' | 'charge-batch' | 'http-charges';
export const CHARGE_VARIANTS: ChargeVariant[] = ['charge-single', 'charge-batch', 'http-charges'];
export const CHARGE_LABELS: Record<ChargeVariant, string> = {
	'charge-single': 'Charge node, Create (one request per charge)',
	'charge-batch': 'Charge node, Create in Batch (batch size 50)',
	'http-charges': `HTTP Request, single charges, batching ${LIMIT} / ${WINDOW_MS / 1000} s`,
};

export interface ChargeArgs {
	variant: ChargeVariant;
	count: number;
	url: string;
	token: string;
	/** Reference numbers are `${prefix}-${n}`. */
	prefix: string;
}

export interface ChargeResult {
	nodeStartedAt: number;
	nodeMs: number;
	runError: string | undefined;
	outputItems: number;
	errorItems: number;
}

/** The nine fields of Propexo's single-charge endpoint. */
const SINGLE_FIELDS = [
	'integration_id',
	'resident_id',
	'charge_code_id',
	'batch_id',
	'transaction_date',
	'description',
	'notes',
	'amount_in_cents',
	'reference_number',
];

/** N charges of one property: the primary resident's rent, one reference number each. */
export function benchCharges(prefix: string, count: number): IDataObject[] {
	const residentId = SEED.primaryResidentId;
	return Array.from({ length: count }, (_, n) =>
		sampleCharge({ resident_id: residentId, reference_number: `${prefix}-${n}` }),
	);
}

async function main() {
	const args = JSON.parse(process.argv[2]) as ChargeArgs;
	const items = benchCharges(args.prefix, args.count);
	const options: NodeRunOptions = {
		items,
		credential: { rateLimitWindowSeconds: WINDOW_MS / 1000 },
		parameters: args.variant === 'charge-batch' ? CREATE_BATCH_FROM_JSON : CREATE_CHARGE_FROM_JSON,
	};
	if (args.variant === 'http-charges') {
		const nodeType = loadHttpRequestNode();
		registerNodeType('n8n-nodes-base.httpRequest', nodeType);
		options.node = {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: nodeType.description.defaultVersion ?? 1,
			parameters: {
				method: 'POST',
				url: `${args.url}${CHARGE_URL}`,
				authentication: 'predefinedCredentialType',
				nodeCredentialType: 'propexoApi',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ ${SINGLE_FIELDS.map((f) => `${f}: $json.${f}`).join(', ')} }) }}`,
				// Batching tuned to exactly the limit: one batch of 150 per 3 s window.
				options: { batching: { batch: { batchSize: LIMIT, batchInterval: WINDOW_MS } } },
			},
		};
	}
	await loadPackage();
	const run = await runChargeNode(args, options);
	const task = run.run.data.resultData.runData[CHARGE_NODE]?.[0];
	const result: ChargeResult = {
		nodeStartedAt: task?.startTime ?? 0,
		nodeMs: task?.executionTime ?? 0,
		runError: run.error?.message,
		outputItems: run.success.length,
		errorItems:
			run.errors.length + run.success.filter((item) => item.json.error !== undefined).length,
	};
	process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
}

if (require.main === module) {
	main().catch((error: unknown) => {
		console.error(error);
		process.exitCode = 1;
	});
}
