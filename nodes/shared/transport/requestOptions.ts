import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operationError } from '../errors';

/** A minute: Propexo delays every answer by 2 s near its rate limit, and ResMan writes are slow. */
export const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * The request settings of the node's Settings tab. Name and option names are those n8n gave the
 * node when it was declarative, so that workflows saved then keep their values.
 */
export const requestOptionsProperty: INodeProperties = {
	displayName: 'Request Options',
	name: 'requestOptions',
	type: 'collection',
	isNodeSetting: true,
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'allowUnauthorizedCerts',
			type: 'boolean',
			noDataExpression: true,
			default: false,
			description: 'Whether to connect even if SSL certificate validation is not possible',
		},
		{
			displayName: 'Proxy',
			name: 'proxy',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://myproxy:3128',
			description:
				'HTTP proxy to use. If authentication is required it can be defined as follow: http://username:password@myproxy:3128.',
		},
		{
			displayName: 'Timeout',
			name: 'timeout',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_MS,
			description:
				'Time in ms to wait for Propexo to answer a request. A write that times out is never sent again (it may have been recorded), so keep this generous.',
		},
	],
};

/** The user's timeout, proxy and certificate choice, checked; applies to every request. */
export function readRequestOptions(this: IExecuteFunctions): Partial<IHttpRequestOptions> {
	const raw = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const fail = (message: string, description: string) =>
		operationError(this.getNode(), message, { description });

	const timeout =
		raw.timeout === undefined || raw.timeout === '' ? DEFAULT_TIMEOUT_MS : raw.timeout;
	if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout <= 0) {
		throw fail(
			`Request Options → Timeout: "${String(timeout)}" is not a positive number of milliseconds`,
			`Enter the timeout in milliseconds, e.g. ${DEFAULT_TIMEOUT_MS} for a minute. Nothing was sent.`,
		);
	}
	const options: Partial<IHttpRequestOptions> = { timeout };
	if (raw.allowUnauthorizedCerts === true) options.skipSslCertificateValidation = true;
	if (typeof raw.proxy === 'string' && raw.proxy.trim() !== '') {
		options.proxy = parseProxy(raw.proxy.trim(), fail);
	}
	return options;
}

function parseProxy(
	text: string,
	fail: (message: string, description: string) => NodeOperationError,
): NonNullable<IHttpRequestOptions['proxy']> {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw fail(
			'Request Options → Proxy: not a URL',
			'Enter the proxy as a URL such as http://myproxy:3128 or http://user:password@myproxy:3128. Nothing was sent.',
		);
	}
	const protocol = url.protocol.replace(/:$/, '');
	const port = Number(url.port || (protocol === 'https' ? 443 : 80));
	const proxy: NonNullable<IHttpRequestOptions['proxy']> = { host: url.hostname, port, protocol };
	if (url.username) {
		proxy.auth = {
			username: decodeURIComponent(url.username),
			password: decodeURIComponent(url.password),
		};
	}
	return proxy;
}
