/**
 * A workflow saved with the declarative node (version 1, n8n-nodes-propexo 0.1.0) must run with
 * the programmatic node: same type and version, same parameter names, and the Request Options
 * n8n saved for a declarative node (timeout, proxy, certificates, batching).
 */
import type { IDataObject, INode, IWorkflowBase } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import savedWorkflow from '../fixtures/saved-workflow-v1.json';
import { SEED } from '../emulator';
import { countsByReference, pairedIndexes, failureOf } from '../harness/account';
import { InMemoryCredentialsHelper } from '../harness/credentialsHelper';
import { INPUT_NODE_TYPE, PAYMENT_NODE_TYPE, loadPackage, runWorkflow } from '../harness/engine';
import { paymentPosts } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const saved = savedWorkflow as unknown as IWorkflowBase & {
	settings: { timezone: string };
};
const trigger = saved.nodes[0];
const savedNode = saved.nodes[1];

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

/** Webhook bodies, as the saved workflow's trigger would pass them on. */
function deliveries(prefix: string, count: number): IDataObject[] {
	return Array.from({ length: count }, (_, n) => ({
		body: {
			resident_id: SEED.primaryResidentId,
			amount_cents: 45_000 + n,
			receipt: `${prefix}-${n}`,
		},
	}));
}

/** Runs the saved workflow, its webhook replaced by a node that emits the same items. */
async function runSaved(items: IDataObject[], more: { staticData?: IDataObject } = {}) {
	const node = JSON.parse(JSON.stringify(savedNode)) as INode;
	const run = await runWorkflow({
		nodes: [
			{
				id: trigger.id,
				name: trigger.name,
				type: INPUT_NODE_TYPE,
				typeVersion: 1,
				position: trigger.position,
				parameters: { items: JSON.stringify(items) },
			},
			node,
		],
		connections: saved.connections,
		credentials: {
			[String(node.credentials?.propexoApi.id)]: {
				accessToken: emulator.token,
				environment: 'custom',
				baseUrl: emulator.url,
			},
		},
		timezone: saved.settings.timezone,
		workflowId: 'saved-workflow-v1',
		staticData: more.staticData,
	});
	const output = run.data.resultData.runData[node.name]?.[0]?.data?.main ?? [];
	return { run, success: output[0] ?? [], errors: output[1] ?? [] };
}

describe('a workflow saved with the declarative node (version 1)', () => {
	it('is the same node type and version as the current node', async () => {
		expect(savedNode.type).toBe(PAYMENT_NODE_TYPE);
		const { nodeTypes } = await loadPackage();
		const current = nodeTypes.getByNameAndVersion(savedNode.type, savedNode.typeVersion);
		expect(current.description.version).toBe(savedNode.typeVersion);
		// Every saved parameter is one the current node knows, so none is dropped silently.
		const known = new Set(current.description.properties.map((property) => property.name));
		expect(Object.keys(savedNode.parameters).filter((name) => !known.has(name))).toEqual([]);
		const resolved = NodeHelpers.getNodeParameters(
			current.description.properties,
			savedNode.parameters,
			true,
			false,
			savedNode as INode,
			current.description,
		);
		expect(resolved).toMatchObject({
			operation: 'create',
			integrationId: { mode: 'list', value: SEED.primaryIntegrationId },
			createOptions: { waitForConfirmation: true, confirmationTimeout: 5 },
			requestOptions: { timeout: 10000 },
		});
	});

	it('runs and posts with the current node, with the values it was saved with', async () => {
		const authenticate = jest.spyOn(InMemoryCredentialsHelper.prototype, 'authenticate');
		try {
			const items = deliveries('COMPAT', 3);
			const { run, success, errors } = await runSaved(items);

			expect(run.data.resultData.error).toBeUndefined();
			expect(errors).toEqual([]);
			expect(pairedIndexes(success)).toEqual([0, 1, 2]);
			expect(paymentPosts(emulator).map((post) => post.body)).toEqual(
				items.map(({ body }) => ({
					integration_id: SEED.primaryIntegrationId,
					resident_id: SEED.primaryResidentId,
					payment_type: 'Money Order',
					batch_id: 'front-desk-2026-11-25',
					// 09:15 in the workflow's zone, America/Chicago (UTC-6 in November).
					transaction_date: '2026-11-25T15:15:00.000Z',
					description: 'November rent',
					notes: 'Money order at the front desk',
					amount_in_cents: (body as IDataObject).amount_cents,
					reference_number: (body as IDataObject).receipt,
				})),
			);
			// Wait for Confirmation, saved in the options, is honoured.
			expect(success.map((item) => item.json.write_status)).toEqual([
				'SUCCESS',
				'SUCCESS',
				'SUCCESS',
			]);
			expect(success.map((item) => item.json.job_id)).toEqual(
				emulator.ledger.map((entry) => entry.jobId),
			);
			// The saved Request Options → Timeout (10 s) applies to the POSTs.
			const postTimeouts = authenticate.mock.calls
				.map((call) => call[2] as { method?: string; timeout?: number })
				.filter((options) => options.method === 'POST')
				.map((options) => options.timeout);
			expect(postTimeouts).toEqual([10000, 10000, 10000]);
		} finally {
			authenticate.mockRestore();
		}
	});

	it('gets "Skip Already Posted" (new since) on by default: a second run posts nothing again', async () => {
		const staticData: IDataObject = {};
		const items = deliveries('COMPAT-AGAIN', 2);
		await runSaved(items, { staticData });
		const again = await runSaved(items, { staticData });

		expect(again.errors).toEqual([]);
		expect(again.success.map((item) => item.json.skipped)).toEqual([true, true]);
		const { sent, recorded } = countsByReference(emulator);
		expect([...sent.values()]).toEqual([1, 1]);
		expect([...recorded.values()]).toEqual([1, 1]);
	});

	it('keeps routing a refused payment to the error output it was saved with', async () => {
		const items = deliveries('COMPAT-ERR', 2);
		(items[1].body as IDataObject).resident_id = 'no-such-resident';
		const { success, errors } = await runSaved(items);

		expect(pairedIndexes(success)).toEqual([0]);
		expect(pairedIndexes(errors)).toEqual([1]);
		expect(String(failureOf(errors[0]).message)).toMatch(
			/^Propexo rejected the payment \(reference COMPAT-ERR-1\)/,
		);
	});
});
