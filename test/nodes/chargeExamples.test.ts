import { readFileSync } from 'node:fs';
import path from 'node:path';

import type { INode } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { PACKAGE_NAME, loadPackage } from '../harness/engine';

// n8n's own nodes in these files are checked by the e2e tests, in a real n8n.
const EXAMPLES = [
	'monthly-rent-charges.json',
	'late-fees-open-balance.json',
	'alert-when-resman-rejects-a-payment.json',
	'daily-payments-reconciliation.json',
];

describe.each(EXAMPLES)('examples/%s', (file) => {
	const workflow = JSON.parse(
		readFileSync(path.resolve(__dirname, '../../examples', file), 'utf8'),
	) as { nodes: INode[]; connections: Record<string, unknown> };
	const ours = workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));

	it('uses this package’s nodes with parameters they have, and none missing', async () => {
		const { nodeTypes } = await loadPackage();
		expect(ours.length).toBeGreaterThan(0);
		for (const node of ours) {
			const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			expect([type.description.version].flat()).toContain(node.typeVersion);
			// What the editor keeps of the saved parameters: an unknown or hidden one is dropped.
			const kept = NodeHelpers.getNodeParameters(
				type.description.properties,
				node.parameters,
				true,
				false,
				node,
				type.description,
			);
			expect({ node: node.name, parameters: Object.keys(kept ?? {}) }).toEqual({
				node: node.name,
				parameters: expect.arrayContaining(Object.keys(node.parameters)),
			});
			const issues = NodeHelpers.getNodeParametersIssues(
				type.description.properties,
				node,
				type.description,
			);
			expect({ node: node.name, issues }).toEqual({ node: node.name, issues: null });
		}
	});

	it('connects nodes that exist', () => {
		const names = new Set(workflow.nodes.map((node) => node.name));
		const targets = JSON.stringify(workflow.connections).match(/"node":"[^"]+"/g) ?? [];
		for (const source of Object.keys(workflow.connections)) expect(names).toContain(source);
		for (const target of targets) expect(names).toContain(target.slice(8, -1));
	});
});
