import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
} from 'n8n-workflow';
import type { NodeOperationError } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { resolveBaseUrl, resolveRateLimitWindowMs } from './baseUrl';
import type { ErrorContext } from './errors';
import { toApiError, toTransportError } from './errors';
import { NoResponseError, RateLimitExhaustedError } from './failures';
import { getRateLimiter } from './rateLimiter';

export type PropexoContext = IExecuteSingleFunctions | ILoadOptionsFunctions;

export interface PropexoResponse {
	statusCode: number;
	headers: IDataObject;
	body: unknown;
}

export interface PropexoRequest {
	method: IHttpRequestMethods;
	/** Path from the API root, e.g. /v1/residents/ (mind Propexo's trailing slashes). */
	url: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Timeout, proxy and other request options chosen by the user in n8n. */
	base?: Partial<IHttpRequestOptions>;
	/** Checked just before each send: an error returned here is thrown instead of sending. */
	stopIf?: () => NodeOperationError | undefined;
	/** Names the item and the subject in error messages; writes add how to check their outcome. */
	errorContext: ErrorContext;
}

const GET_ATTEMPTS = 3;

/**
 * The one way this package talks to Propexo. Returns a 2xx answer or throws a NodeApiError that
 * says what to do. A 429 is always resent (Propexo rejected it, so nothing happened). A request
 * without an answer, or with a 5xx, is retried only when it is a GET: a POST may already have
 * moved money, so it is reported instead.
 */
export async function propexoRequest(
	this: PropexoContext,
	request: PropexoRequest,
): Promise<PropexoResponse> {
	const credentials = await this.getCredentials('propexoApi');
	const baseURL = resolveBaseUrl(credentials);
	const windowMs = resolveRateLimitWindowMs(credentials);
	const credentialId = this.getNode().credentials?.propexoApi?.id ?? 'default';
	const limiter = getRateLimiter(`${baseURL}|${credentialId}`, windowMs);
	const retriable = request.method === 'GET';
	const maxRateLimitWaitMs = 3 * windowMs;

	let rateLimitWaitedMs = 0;
	let rateLimitAttempt = 0;
	let faultAttempt = 0;
	for (;;) {
		await limiter.acquire();
		const stop = request.stopIf?.();
		if (stop) {
			limiter.settle();
			throw stop;
		}
		const response = await send.call(this, { ...request, base: { ...request.base, baseURL } });
		if (response instanceof NoResponseError) {
			limiter.settle();
			if (retriable && ++faultAttempt < GET_ATTEMPTS) {
				await sleep(500 * 2 ** faultAttempt);
				continue;
			}
			throw toTransportError(this.getNode(), response, request.errorContext);
		}
		limiter.settle(response.headers);

		if (response.statusCode === 429) {
			if (rateLimitWaitedMs >= maxRateLimitWaitMs) {
				const exhausted = new RateLimitExhaustedError(rateLimitWaitedMs);
				throw toTransportError(this.getNode(), exhausted, request.errorContext);
			}
			rateLimitWaitedMs += limiter.rejected(rateLimitAttempt++);
			continue;
		}
		if (response.statusCode >= 500 && retriable && ++faultAttempt < GET_ATTEMPTS) {
			await sleep(500 * 2 ** faultAttempt);
			continue;
		}
		if (response.statusCode >= 300) {
			throw toApiError(this.getNode(), response, request.errorContext);
		}
		return response;
	}
}

async function send(
	this: PropexoContext,
	request: PropexoRequest,
): Promise<PropexoResponse | NoResponseError> {
	const options: IHttpRequestOptions = {
		...request.base,
		method: request.method,
		url: request.url,
		json: true,
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
	};
	if (request.body) options.body = request.body;
	if (request.qs) options.qs = request.qs;
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			'propexoApi',
			options,
		)) as { statusCode: number; headers?: IDataObject; body: unknown };
		return {
			statusCode: response.statusCode,
			headers: response.headers ?? {},
			body: response.body,
		};
	} catch (error) {
		// HTTP statuses are returned above, so what lands here never got an answer.
		return toNoResponseError(error);
	}
}

// The helper wraps network failures; keep only the failure code so that nothing of the request
// (its Authorization header included) can travel on in an error.
function toNoResponseError(error: unknown): NoResponseError {
	const err = error as { code?: string; cause?: { code?: string }; message?: string };
	const code = err.cause?.code ?? err.code;
	const timedOut =
		code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '');
	return new NoResponseError(code, timedOut);
}
