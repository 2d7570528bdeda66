import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** Reads a parameter's value for one item. */
export type ReadParameter = (name: string, itemIndex: number) => unknown;

// `={{ $json.amount }}`, `={{ $json.payment.amount }}`, `={{ $json["amount"] }}`: what n8n's
// drag-and-drop mapping writes.
const JSON_PATH =
	/^=\{\{\s*\$json((?:\.[A-Za-z_$][\w$]*|\[\s*(?:'[^'\\]*'|"[^"\\]*"|\d+)\s*\])+)\s*\}\}$/;
const SEGMENT = /\.([A-Za-z_$][\w$]*)|\[\s*(?:'([^'\\]*)'|"([^"\\]*)"|(\d+))\s*\]/g;

function pathOf(expression: unknown): string[] | undefined {
	if (typeof expression !== 'string') return undefined;
	const match = JSON_PATH.exec(expression);
	if (!match) return undefined;
	return [...match[1].matchAll(SEGMENT)].map((part) => part[1] ?? part[2] ?? part[3] ?? part[4]);
}

/** The value at `path` in an item's json, or `fallback` when an object on the way is missing. */
function readPath(item: INodeExecutionData | undefined, path: string[], fallback: () => unknown) {
	let value: unknown = item?.json;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return fallback();
		value = (value as IDataObject)[key];
	}
	return value;
}

/**
 * Resolves parameters for many items at a small cost per item. n8n's expression engine builds a
 * data proxy for every value (about 0.1 ms), which is most of a large run's preparation. So a
 * parameter without an expression is resolved once, and a plain mapping of an input field
 * (`{{ $json.field }}`) is read from the item; anything else goes through n8n as usual, and so
 * does a path that n8n would answer with an error, so that the user sees n8n's own message.
 */
export function parameterReader(this: IExecuteFunctions): ReadParameter {
	const items = this.getInputData();
	const parameters = this.getNode().parameters;
	const resolvers = new Map<string, (itemIndex: number) => unknown>();
	const byEngine = (name: string) => (itemIndex: number) =>
		this.getNodeParameter(name, itemIndex, '', { extractValue: true, skipValidation: true });

	const resolverOf = (name: string) => {
		const raw = parameters[name];
		const locator = raw !== null && typeof raw === 'object' && '__rl' in raw;
		const value = locator ? (raw as IDataObject).value : raw;
		const engine = byEngine(name);
		if (typeof value !== 'string' || !value.startsWith('=')) {
			const constant = engine(0);
			return () => constant;
		}
		const path = locator && (raw as IDataObject).mode === 'url' ? undefined : pathOf(value);
		if (!path) return engine;
		return (itemIndex: number) => readPath(items[itemIndex], path, () => engine(itemIndex));
	};

	return (name, itemIndex) => {
		let resolve = resolvers.get(name);
		if (!resolve) {
			resolve = resolverOf(name);
			resolvers.set(name, resolve);
		}
		return resolve(itemIndex);
	};
}
