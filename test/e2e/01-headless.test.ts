/**
 * The package in a real n8n, without the editor: workflows imported with n8n's CLI, run with
 * `n8n execute`, checked on the Propexo emulator's ledger; the credential test through the REST API.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

import { SEED, WRITE_ERRORS } from '../emulator';
import { PAYMENT_NODE_NAME, primaryIntegration, samplePayments } from '../../scripts/n8n-fixtures';
import { N8nRest, executeWithCli, nodeRun } from './n8n-api';
import { ledger, readState, resetEmulator, type LedgerEntry } from './state';
import { failureOf } from '../harness/account';

const state = readState();

function byReference(entries: LedgerEntry[]): Map<string, LedgerEntry[]> {
	const map = new Map<string, LedgerEntry[]>();
	for (const entry of entries) {
		const ref = String(entry.payment.reference_number);
		map.set(ref, [...(map.get(ref) ?? []), entry]);
	}
	return map;
}

describe(`n8n ${state.n8nVersion}: workflows run with the n8n CLI`, () => {
	beforeEach(async () => {
		await resetEmulator(state);
	});

	test('the example workflow posts its 3 payments, each exactly once, with every field', async () => {
		const execution = await executeWithCli(state, state.workflows.example);
		expect(execution.code).toBe(0);
		expect(execution.run?.status).toBe('success');

		const expected = samplePayments();
		const entries = await ledger(state);
		expect(entries).toHaveLength(expected.length);
		const refs = byReference(entries);
		for (const payment of expected) {
			const posted = refs.get(payment.referenceNumber) ?? [];
			expect(posted).toHaveLength(1);
			expect(posted[0].payment).toEqual({
				integration_id: SEED.primaryIntegrationId,
				resident_id: payment.residentId,
				payment_type: payment.paymentType,
				batch_id: expect.stringMatching(/^e2e-example-\d{4}-\d{2}-\d{2}$/),
				transaction_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
				description: payment.description,
				notes: expect.stringContaining('Posted from n8n'),
				amount_in_cents: payment.amountInCents,
				reference_number: payment.referenceNumber,
			});
		}

		// The node's output: one item per payment, in order, with the job id Propexo returned.
		const output = nodeRun(execution, PAYMENT_NODE_NAME).data?.main?.[0] ?? [];
		expect(output.map((item) => item.json.reference_number)).toEqual(
			expected.map((p) => p.referenceNumber),
		);
		for (const item of output) {
			const entry = refs.get(String(item.json.reference_number))![0];
			expect(item.json).toMatchObject({
				job_id: entry.jobId,
				integration_id: primaryIntegration().id,
				amount_in_cents: entry.payment.amount_in_cents,
			});
		}
	});

	test('a bad item goes to the error output with the documented error; the others post once', async () => {
		const execution = await executeWithCli(state, state.workflows.badItem);
		expect(execution.code).toBe(0);

		const refs = byReference(await ledger(state));
		expect([...refs.keys()].sort()).toEqual(['E2E-BAD-1', 'E2E-BAD-3']);
		expect(refs.get('E2E-BAD-1')).toHaveLength(1);
		expect(refs.get('E2E-BAD-3')).toHaveLength(1);

		const [success, errors] = nodeRun(execution, PAYMENT_NODE_NAME).data?.main ?? [];
		expect((success ?? []).map((item) => item.json.reference_number)).toEqual([
			'E2E-BAD-1',
			'E2E-BAD-3',
		]);
		expect(errors).toHaveLength(1);
		expect(String(failureOf(errors![0]).message)).toBe(
			'Amount in Cents: "12.5" is not a positive whole number of cents [item 1]',
		);
	});

	test('with "On Error: Stop Workflow" a bad item fails the run and nothing is posted', async () => {
		const execution = await executeWithCli(state, state.workflows.badItemStop);
		expect(execution.code).not.toBe(0);
		expect(execution.output).toContain(
			'Amount in Cents: "12.5" is not a positive whole number of cents [item 0]',
		);
		expect(await ledger(state)).toEqual([]);
	});

	test('"Wait for Confirmation": a write that ends in FAILURE becomes an item error with Propexo\'s text', async () => {
		const execution = await executeWithCli(state, state.workflows.confirm);
		expect(execution.code).toBe(0);

		// Propexo accepted both POSTs (each exactly once); ResMan then rejected the second.
		const refs = byReference(await ledger(state));
		expect([...refs.keys()].sort()).toEqual(['E2E-CONF-1', 'E2E-CONF-2']);
		for (const entries of refs.values()) expect(entries).toHaveLength(1);

		const [success, errors] = nodeRun(execution, PAYMENT_NODE_NAME).data?.main ?? [];
		expect(success).toHaveLength(1);
		expect(success![0].json).toMatchObject({
			reference_number: 'E2E-CONF-1',
			write_status: 'SUCCESS',
			job_id: refs.get('E2E-CONF-1')![0].jobId,
		});
		expect(errors).toHaveLength(1);
		expect(String(failureOf(errors![0]).message)).toBe(
			`ResMan did not record the payment (reference E2E-CONF-2): ${WRITE_ERRORS.failingResident}`,
		);
	});
});

describe(`n8n ${state.n8nVersion}: the credential test (REST API of the running n8n)`, () => {
	let rest: N8nRest;
	beforeAll(async () => {
		rest = await N8nRest.login(state);
	});

	test('passes with the right token', async () => {
		const result = await rest.testCredential(state.credentials.good.id);
		expect(result.status).toBe('OK');
	});

	test('fails with a wrong token', async () => {
		const result = await rest.testCredential(state.credentials.badToken.id);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/401|unauthori[sz]ed|token/i);
	});

	test('fails when nothing answers at the base URL', async () => {
		const result = await rest.testCredential(state.credentials.good.id, {
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ECONNREFUSED|connect/i);
	});
});

describe(`n8n ${state.n8nVersion}: the README's example workflows`, () => {
	const examples = [
		'portal-webhook-to-resman.json',
		'nightly-payments-report.json',
		'monthly-rent-charges.json',
		'late-fees-open-balance.json',
	];

	test.each(examples)('%s imports as is, with every node type known to n8n', async (file) => {
		const workflow = JSON.parse(
			readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8'),
		) as { name: string; nodes: Array<{ type: string; typeVersion: number }> };
		const rest = await N8nRest.login(state);
		const created = await rest.request<{ id: string; nodes: unknown[] }>(
			'POST',
			'/rest/workflows',
			{ ...workflow, name: `${workflow.name} (e2e)` },
		);
		expect(created.nodes).toHaveLength(workflow.nodes.length);

		// What the editor asks when it opens the workflow: an unknown type or version fails here.
		for (const node of workflow.nodes) {
			const [description] = await rest.request<Array<{ name: string; version: number | number[] }>>(
				'POST',
				'/rest/node-types',
				{ nodeInfos: [{ name: node.type, version: node.typeVersion }] },
			);
			expect({ type: description?.name, versions: [description?.version].flat() }).toEqual({
				// n8n answers with the name inside the package: "webhook" for n8n-nodes-base.webhook.
				type: node.type.split('.').pop(),
				versions: expect.arrayContaining([node.typeVersion]),
			});
		}
	});
});
