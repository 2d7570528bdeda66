import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IWebhookFunctions,
	NodeOperationError,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { baseUrlProblem, resolveBaseUrl, resolveRateLimitWindowMs } from './baseUrl';
import type { Verdict } from './classify';
import {
	classify,
	failureOutcome,
	RATE_LIMIT_WINDOWS,
	READ_ATTEMPTS,
	readRetryDelayMs,
	withOutcome,
} from './classify';
import type { ErrorContext } from './errors';
import { NoResponseError, RateLimitExhaustedError, toApiError, toTransportError } from './errors';
import type { RateLimiter } from './rateLimiter';
import { getRateLimiter } from './rateLimiter';
import { operationError } from '../errors';

/** Every n8n context that talks to Propexo: node runs, the editor's lists, a trigger's webhooks. */
export type PropexoContext =
	IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions;

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
	/** What a write run does around each attempt (see SendGate). */
	gate?: SendGate;
	/** A rate-limit slot taken beforehand (takeSlot): the first attempt uses it. */
	slot?: HeldSlot;
	/**
	 * Stops waiting for the rate limit (the execution was cancelled). A write already on the wire
	 * is never aborted: its answer is awaited so that its outcome is known.
	 */
	signal?: AbortSignal;
	/** No retry of a GET is started after this time (ms since the epoch). */
	deadline?: number;
	/** Names the item and the subject in error messages; writes add how to check their outcome. */
	errorContext: ErrorContext;
}

const CREDENTIAL_TYPE = 'propexoApi';

const CANCEL_SIGNAL = 'getExecutionCancelSignal';

/** How a write run follows each attempt of its request. */
export interface SendGate {
	/** Called just before each send, once the rate limit allows it: throw a node error to stop. */
	beforeSend(): void;
	/** Told at once when an attempt ended: what its answer (or the lack of one) means. */
	onAnswer(verdict: Verdict): void;
}

/** A rate-limit slot taken before the request that uses it is ready. */
export interface HeldSlot {
	slot: number;
	release(): void;
}

/**
 * Waits until the rate limit lets a request go, and holds that turn: a write is claimed in n8n's
 * database only once it can leave at once, so that a crash leaves few claims of unsent records.
 */
export async function takeSlot(
	this: PropexoContext,
	errorContext: ErrorContext,
	signal?: AbortSignal,
): Promise<HeldSlot> {
	const { limiter } = await connectionFor(this, errorContext);
	const slot = await limiter.acquire(signal);
	return { slot, release: () => limiter.settle(slot) };
}

/**
 * The one way this package talks to Propexo. Returns a 2xx answer or throws a NodeApiError that
 * says what to do, marked with what the request may have done at Propexo. What an answer means
 * and whether it is sent again is classify.ts's decision.
 */
export async function propexoRequest(
	this: PropexoContext,
	request: PropexoRequest,
): Promise<PropexoResponse> {
	const { baseURL, limiter, credentials } = await connectionFor(this, request.errorContext);
	// Long enough to outlast another worker that fills every window with a long run of its own.
	const maxRateLimitWaitMs = RATE_LIMIT_WINDOWS * limiter.windowMs;
	const mayRetryAfter = (waitMs: number) =>
		request.deadline === undefined || Date.now() + waitMs < request.deadline;

	let rateLimitWaitedMs = 0;
	let rateLimitAttempt = 0;
	let faultAttempt = 0;
	let held = request.slot;
	for (;;) {
		const slot = held ? held.slot : await limiter.acquire(request.signal);
		held = undefined;
		try {
			request.gate?.beforeSend();
		} catch (error) {
			limiter.settle(slot);
			throw error as NodeOperationError;
		}
		const response = await send.call(
			this,
			{ ...request, base: { ...request.base, baseURL } },
			credentials,
		);
		const answered = !(response instanceof NoResponseError);
		const verdict = classify(
			answered ? { status: response.statusCode } : { noAnswer: response },
			request.method,
		);
		request.gate?.onAnswer(verdict);
		limiter.settle(slot, answered ? response.headers : undefined);
		if (verdict.outcome === 'succeeded' && answered) return response;

		if (verdict.retry === 'afterRateLimit') {
			if (rateLimitWaitedMs < maxRateLimitWaitMs) {
				rateLimitWaitedMs += limiter.rejected(rateLimitAttempt++);
				continue;
			}
			const exhausted = new RateLimitExhaustedError(rateLimitWaitedMs);
			const error = toTransportError(this.getNode(), exhausted, request.errorContext);
			throw withOutcome(error, failureOutcome(verdict.outcome));
		}
		if (
			verdict.retry === 'afterFault' &&
			++faultAttempt < READ_ATTEMPTS &&
			mayRetryAfter(readRetryDelayMs(faultAttempt))
		) {
			await sleep(readRetryDelayMs(faultAttempt));
			continue;
		}
		const error = answered
			? toApiError(this.getNode(), response, request.errorContext)
			: toTransportError(this.getNode(), response, request.errorContext);
		throw withOutcome(error, failureOutcome(verdict.outcome));
	}
}

interface Connection {
	baseURL: string;
	limiter: RateLimiter;
	/** Handed to n8n with every request: otherwise it reads them from its database each time. */
	credentials: ICredentialsDecrypted;
}

/** The connection, unless the credential's Base URL is refused: then an error of the item. */
async function connectionFor(context: PropexoContext, errorContext: ErrorContext) {
	const connection = await connectionOf(context);
	const refused = baseUrlProblem(connection.baseURL);
	if (refused) {
		throw operationError(context.getNode(), refused.message, {
			itemIndex: errorContext.itemIndex,
			description: `${refused.fix} Nothing was sent.`,
		});
	}
	return connection;
}

// One lookup per node run: reading the credential for each of thousands of items costs time.
const connections = new WeakMap<object, Promise<Connection>>();

async function connectionOf(context: PropexoContext): Promise<Connection> {
	let connection = connections.get(context);
	if (!connection) {
		connection = (async () => {
			const data = await context.getCredentials(CREDENTIAL_TYPE);
			const baseURL = resolveBaseUrl(data);
			const windowMs = resolveRateLimitWindowMs(data);
			const { id, name } = context.getNode().credentials?.propexoApi ?? {};
			const credentialId = id ?? 'default';
			return {
				baseURL,
				limiter: getRateLimiter(`${baseURL}|${credentialId}`, windowMs),
				credentials: { id: credentialId, name: name ?? '', type: CREDENTIAL_TYPE, data },
			};
		})();
		connections.set(context, connection);
		connection.catch(() => connections.delete(context));
	}
	return await connection;
}

async function send(
	this: PropexoContext,
	request: PropexoRequest,
	credentials: ICredentialsDecrypted,
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
	// n8n hands the execution's cancel signal to every request of a node: a cancel would abort a
	// write on the wire, whose outcome would then be unknown. Only reads may be aborted.
	const caller = request.method === 'GET' ? this : withoutCancelSignal(this);
	try {
		const response = (await this.helpers.httpRequestWithAuthentication.call(
			caller,
			CREDENTIAL_TYPE,
			options,
			{ credentialsDecrypted: credentials },
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

/** The context as n8n's request helper sees it, minus the cancel signal it would attach. */
function withoutCancelSignal(context: PropexoContext): PropexoContext {
	return new Proxy(context, {
		has: (target, key) => key !== CANCEL_SIGNAL && Reflect.has(target, key),
		get: (target, key, receiver) =>
			key === CANCEL_SIGNAL ? undefined : (Reflect.get(target, key, receiver) as unknown),
	});
}

// The helper wraps network failures; keep only the failure code so that nothing of the request
// (its Authorization header included) can travel on in an error.
function toNoResponseError(error: unknown): NoResponseError {
	const err = error as {
		code?: string;
		cause?: { code?: string; message?: string };
		httpCode?: string | null;
		message?: string;
	};
	// n8n 1.x keeps the network code only in httpCode.
	const code = err.cause?.code ?? err.code ?? err.httpCode ?? undefined;
	const timedOut =
		code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message ?? '');
	return new NoResponseError(code, timedOut, err.cause?.message ?? err.message);
}
