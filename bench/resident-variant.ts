/**
 * One engine run of the resident-lookup benchmark in its own process: Test Items → the Payment
 * node's Create with the Resident given By ID, By ResMan Resident ID or By Email, through
 * n8n-core's WorkflowExecute, then one JSON line on stdout.
 *
 *   node --import tsx bench/resident-variant.ts '<ResidentArgs as JSON>'
 */
import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../test/emulator';
import { loadPackage } from '../test/harness/engine';
import {
	CREATE_FROM_JSON,
	PAYMENT_NODE,
	runPaymentNode,
	samplePayment,
} from '../test/harness/paymentWorkflow';
import { childArgs, printResult, runMain, variantResult, type VariantArgs } from './child';
import { WINDOW_MS } from './protocol';

export type ResidentVariant =
	'by-id' | 'resman-id-property' | 'resman-id-integration' | 'email-property' | 'email-integration';
export const RESIDENT_VARIANTS: ResidentVariant[] = [
	'by-id',
	'resman-id-property',
	'resman-id-integration',
	'email-property',
	'email-integration',
];
export const RESIDENT_LABELS: Record<ResidentVariant, string> = {
	'by-id': 'By ID (Propexo resident ID, no lookup)',
	'resman-id-property': 'By ResMan Resident ID, Property set',
	'resman-id-integration': 'By ResMan Resident ID, no Property',
	'email-property': 'By Email, Property set',
	'email-integration': 'By Email, no Property',
};

export type ResidentArgs = VariantArgs<ResidentVariant>;

/** The ordinary residents of the primary resident's property (the failing one left out). */
export function benchResidents() {
	const maria = SEED.residents.find((r) => r.id === SEED.primaryResidentId)!;
	const failing = SEED.failingResidentId(SEED.primaryIntegrationId);
	const emails = new Map<string, number>();
	for (const r of SEED.residents) emails.set(r.email_1!, (emails.get(r.email_1!) ?? 0) + 1);
	// Roommates sharing an email cannot be told apart by it: left out of every variant alike.
	return SEED.residents.filter(
		(r) => r.property_id === maria.property_id && r.id !== failing && emails.get(r.email_1!) === 1,
	);
}

function parametersOf(variant: ResidentVariant): IDataObject {
	if (variant === 'by-id') return CREATE_FROM_JSON;
	const mode = variant.startsWith('email') ? 'email' : 'resmanId';
	const property = variant.endsWith('-property')
		? { propertyId: { __rl: true, mode: 'id', value: benchResidents()[0].property_id } }
		: {};
	return {
		...CREATE_FROM_JSON,
		residentId: { __rl: true, mode, value: '={{ $json.who }}' },
		...property,
	};
}

async function main() {
	const args = childArgs<ResidentArgs>();
	const residents = benchResidents();
	const items = Array.from({ length: args.count }, (_, n) => {
		const resident = residents[n % residents.length];
		const who = args.variant.startsWith('email') ? resident.email_1 : resident.x_id;
		return samplePayment({
			resident_id: resident.id,
			who,
			reference_number: `${args.prefix}-${n}`,
		});
	});
	await loadPackage();
	const run = await runPaymentNode(args, {
		items,
		credential: { rateLimitWindowSeconds: WINDOW_MS / 1000 },
		parameters: parametersOf(args.variant),
	});
	printResult(variantResult(run, PAYMENT_NODE));
}

if (require.main === module) runMain(main);
