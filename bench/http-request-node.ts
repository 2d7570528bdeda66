/**
 * n8n's HTTP Request node, from the local n8n install, in the measured node's place in an engine
 * child process.
 */
import Module from 'node:module';
import path from 'node:path';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import { N8N_DIR } from '../scripts/n8n-local';
import { registerNodeType } from '../test/harness/engine';
import type { NodeRunOptions } from '../test/harness/nodeWorkflow';

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

/** The HTTP Request node with these parameters, registered with the engine. */
export function httpRequestNode(parameters: Record<string, unknown>): NodeRunOptions['node'] {
	const nodeType = loadHttpRequestNode();
	registerNodeType('n8n-nodes-base.httpRequest', nodeType);
	return {
		type: 'n8n-nodes-base.httpRequest',
		// The version the editor adds today (4.5 in n8n 2.40.7).
		typeVersion: nodeType.description.defaultVersion ?? 1,
		parameters: parameters as never,
	};
}
