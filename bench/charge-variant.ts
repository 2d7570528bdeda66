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
import { loadPackage } from '../test/harness/engine';
import type { NodeRunOptions } from '../test/harness/nodeWorkflow';
import { childArgs, printResult, runMain, variantResult, type VariantArgs } from './child';
import { httpRequestNode } from './http-request-node';
import { LIMIT, WINDOW_MS } from './protocol';
import { PAYMENT_FIELDS, httpPostParameters } from './workflows';

export type ChargeVariant = 'charge-single' | 'charge-batch' | 'http-charges';
export const CHARGE_VARIANTS: ChargeVariant[] = ['charge-single', 'charge-batch', 'http-charges'];
export const CHARGE_LABELS: Record<ChargeVariant, string> = {
	'charge-single': 'Charge node, Create (one request per charge)',
	'charge-batch': 'Charge node, Create in Batch (batch size 50)',
	'http-charges': `HTTP Request, single charges, batching ${LIMIT} / ${WINDOW_MS / 1000} s`,
};

export type ChargeArgs = VariantArgs<ChargeVariant>;

/** Propexo's single-charge endpoint takes a payment's nine fields, a charge code for its type. */
const SINGLE_FIELDS = PAYMENT_FIELDS.map((field) =>
	field === 'payment_type' ? 'charge_code_id' : field,
);

/** N charges of one property: the primary resident's rent, one reference number each. */
export function benchCharges(prefix: string, count: number): IDataObject[] {
	const residentId = SEED.primaryResidentId;
	return Array.from({ length: count }, (_, n) =>
		sampleCharge({ resident_id: residentId, reference_number: `${prefix}-${n}` }),
	);
}

async function main() {
	const args = childArgs<ChargeArgs>();
	const options: NodeRunOptions = {
		items: benchCharges(args.prefix, args.count),
		credential: { rateLimitWindowSeconds: WINDOW_MS / 1000 },
		parameters: args.variant === 'charge-batch' ? CREATE_BATCH_FROM_JSON : CREATE_CHARGE_FROM_JSON,
	};
	if (args.variant === 'http-charges') {
		options.node = httpRequestNode(
			httpPostParameters(`${args.url}${CHARGE_URL}`, SINGLE_FIELDS, true),
		);
	}
	await loadPackage();
	printResult(variantResult(await runChargeNode(args, options), CHARGE_NODE));
}

if (require.main === module) runMain(main);
