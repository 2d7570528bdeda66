import { readFileSync } from 'node:fs';
import path from 'node:path';

import { NodeOperationError } from 'n8n-workflow';

import { listSearch, PAYMENT_NODE_TYPE } from '../harness/engine';

/**
 * Which n8n the engine suite runs on: the devDependencies with `npm test`, the n8n-core 1.x
 * install with `npm run test:compat` (scripts/compat.ts sets the N8N_COMPAT_* variables).
 */
const devDependencies = (
	JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
		devDependencies: Record<string, string>;
	}
).devDependencies;
const expected = {
	core: process.env.N8N_COMPAT_CORE_VERSION ?? devDependencies['n8n-core'],
	workflow: process.env.N8N_COMPAT_WORKFLOW_VERSION ?? devDependencies['n8n-workflow'],
};

function versionOf(name: 'n8n-core' | 'n8n-workflow'): string {
	const main = require.resolve(name);
	const root = main.slice(0, main.lastIndexOf(`${path.sep}${name}${path.sep}`) + name.length + 1);
	return (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string })
		.version;
}

describe('The n8n the engine suite runs on', () => {
	it(`is n8n-core ${expected.core} with n8n-workflow ${expected.workflow}`, () => {
		expect(versionOf('n8n-core')).toBe(expected.core);
		expect(versionOf('n8n-workflow')).toBe(expected.workflow);
	});

	it('is the same n8n-workflow for the tests and for the package loaded from dist/', async () => {
		// The node's own NodeOperationError: an instance of this file's class only if dist/ loaded
		// the same n8n-workflow module.
		const node = {
			id: 'payment',
			name: 'ResMan Payment',
			type: PAYMENT_NODE_TYPE,
			typeVersion: 1,
			position: [0, 0] as [number, number],
			parameters: { operation: 'create' },
			credentials: { propexoApi: { id: 'unused', name: 'Propexo' } },
		};
		const error = await listSearch(node, 'searchResidents', {}).then(
			() => undefined,
			(thrown: unknown) => thrown,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe('Choose an integration first');
	});
});
