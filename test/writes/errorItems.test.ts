/**
 * The error items of "On Error: Continue (using error output)": json `{ error: {...} }`, one key,
 * the shape every n8n (1.x and 2.x) sends to the error output, carrying what the next steps need:
 * the message, the details, the outcome, the record and the job ID. `npm run test:compat` runs
 * this file on n8n-core 1.x too.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { SEED } from '../emulator';
import { failureOf, pairedIndexes } from '../harness/account';
import {
	CREATE_FROM_JSON,
	runPaymentNode,
	samplePayment,
	PAYMENT_URL,
} from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

async function closedPort(): Promise<number> {
	const server = net.createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise((resolve) => server.close(resolve));
	return port;
}

/** One error object, with a message, details and the facts; the input item merged around it. */
function expectErrorItem(item: INodeExecutionData, input: IDataObject, facts: IDataObject): void {
	expect(item.json).toEqual({ ...input, error: expect.any(Object) });
	expect(failureOf(item)).toEqual({
		message: expect.stringMatching(/\S/),
		details: expect.any(String),
		...facts,
	});
}

describe('error items carry the error, the outcome, the record and the job ID', () => {
	it('refused by Propexo, and bad input: "refused" and "invalid_input", on the error output', async () => {
		emulator.injectFaults(
			{ method: 'POST', path: PAYMENT_URL },
			{
				kind: 'status',
				status: 400,
				body: { error: { code: 'VALIDATION', message: 'Amount too high' } },
			},
		);
		const refused = samplePayment({ reference_number: 'ERR-REFUSED', batch_id: 'err-batch' });
		const bad = samplePayment({ reference_number: 'ERR-BAD', amount_in_cents: 'twelve' });
		const good = samplePayment({ reference_number: 'ERR-GOOD' });
		const { success, errors, error } = await runPaymentNode(emulator, {
			items: [refused, bad, good],
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(pairedIndexes(success)).toEqual([2]);
		expect(pairedIndexes(errors)).toEqual([0, 1]);
		const [first, second] = [...errors].sort(
			(a, b) => pairedIndexes([a])[0] - pairedIndexes([b])[0],
		);
		expectErrorItem(first, refused, {
			outcome: 'refused',
			reference_number: 'ERR-REFUSED',
			batch_id: 'err-batch',
		});
		expect(failureOf(first).message).toMatch(/Amount too high/);
		expectErrorItem(second, bad, { outcome: 'invalid_input' });
	});

	it('a 500: "unknown", with the record', async () => {
		emulator.injectFaults({ method: 'POST', path: PAYMENT_URL }, { kind: 'status', status: 500 });
		const input = samplePayment({ reference_number: 'ERR-UNKNOWN' });
		const { errors } = await runPaymentNode(emulator, {
			items: [input],
			onError: 'continueErrorOutput',
		});

		expect(errors).toHaveLength(1);
		expectErrorItem(errors[0], input, {
			outcome: 'unknown',
			reference_number: 'ERR-UNKNOWN',
			batch_id: 'portal-2026-11-25',
		});
	});

	it('rejected by ResMan after Propexo accepted it: "refused", with its job ID', async () => {
		const failing = samplePayment({
			reference_number: 'ERR-FAILURE',
			resident_id: SEED.failingResidentId(SEED.primaryIntegrationId),
		});
		const { errors } = await runPaymentNode(emulator, {
			items: [failing],
			onError: 'continueErrorOutput',
			parameters: {
				...CREATE_FROM_JSON,
				createOptions: { waitForConfirmation: true, confirmationTimeout: 10 },
			},
		});

		expect(errors).toHaveLength(1);
		expectErrorItem(errors[0], failing, {
			outcome: 'refused',
			reference_number: 'ERR-FAILURE',
			batch_id: 'portal-2026-11-25',
			job_id: emulator.ledger[0].jobId,
		});
	});

	it('a connection refused: "not_sent"', async () => {
		const input = samplePayment({ reference_number: 'ERR-NOT-SENT' });
		const { errors } = await runPaymentNode(
			{ url: `http://127.0.0.1:${await closedPort()}`, token: 'closed-port-token' },
			{ items: [input], onError: 'continueErrorOutput' },
		);

		expect(errors).toHaveLength(1);
		expectErrorItem(errors[0], input, {
			outcome: 'not_sent',
			reference_number: 'ERR-NOT-SENT',
			batch_id: 'portal-2026-11-25',
		});
	});
});
