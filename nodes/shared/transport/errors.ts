import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { neverSentReason, outcomeOfStatus, READ_ATTEMPTS } from './classify';
import { apiError } from '../errors';

/** No answer came back: the request may or may not have reached Propexo. */
export class NoResponseError extends Error {
	/** Set when the connection failed before anything of the request can have reached Propexo. */
	readonly neverSentReason: string | undefined;

	constructor(
		readonly code: string | undefined,
		readonly timedOut: boolean,
		/** The system's own text for the failure: read to classify it, never shown. */
		systemMessage?: string,
	) {
		super(timedOut ? 'The request to Propexo timed out' : 'The connection to Propexo failed');
		this.name = 'NoResponseError';
		this.neverSentReason = timedOut ? undefined : neverSentReason(code, systemMessage);
	}
}

/** Propexo's rate limit stayed exhausted for longer than we are willing to wait. */
export class RateLimitExhaustedError extends Error {
	constructor(readonly waitedMs: number) {
		super('Propexo rate limit still exhausted');
		this.name = 'RateLimitExhaustedError';
	}
}

interface FailedResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

interface PropexoErrorBody {
	code?: string;
	message?: string;
	details?: Record<string, unknown>;
}

export interface ErrorContext {
	itemIndex: number;
	/** What the request was about, e.g. "the payment" or "resident payment 123". */
	subject: string;
	/** Set for writes: why a failed write may still have gone through, and how to check. */
	unknownOutcomeAdvice?: string;
}

const SECRET_KEYS = /^(authorization|cookie|set-cookie|headers?|access_?token|token)$/i;

/**
 * What an answer says, minus anything that could carry the key: a proxy or gateway that echoes
 * the request would otherwise put the token into the execution data.
 */
function scrub(value: unknown): unknown {
	if (typeof value === 'string') return value.replace(/\bBearer\s+[^\s"',;]+/gi, 'Bearer ***');
	if (Array.isArray(value)) return value.map(scrub);
	if (value && typeof value === 'object') {
		const clean: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value)) {
			if (!SECRET_KEYS.test(key)) clean[key] = scrub(inner);
		}
		return clean;
	}
	return value;
}

function readPropexoError(body: unknown): PropexoErrorBody {
	if (body && typeof body === 'object' && 'error' in body) {
		const error = scrub((body as { error: unknown }).error);
		if (error && typeof error === 'object') return error as PropexoErrorBody;
		if (typeof error === 'string') return { message: error };
	}
	return {};
}

function describeDetails(details: Record<string, unknown> | undefined): string {
	if (!details) return '';
	const lines = Object.entries(details).map(([field, problem]) => {
		const text = typeof problem === 'string' ? problem : JSON.stringify(problem);
		return `${field}: ${text}`;
	});
	return lines.length ? ` Details: ${lines.join('; ')}.` : '';
}

/** Turns a non-2xx answer from Propexo into an error that says what happened and what to do. */
export function toApiError(node: INode, response: FailedResponse, context: ErrorContext) {
	const propexo = readPropexoError(response.body);
	const status = response.statusCode;
	const propexoMessage = propexo.message ?? `HTTP ${status}`;
	const errorBody = { ...propexo, httpCode: status } as JsonObject;
	const options = { itemIndex: context.itemIndex, httpCode: String(status) };

	if (status >= 300 && status < 400) return redirectError(node, response, context);
	if (status === 400 || status === 422) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo rejected ${context.subject}: ${propexoMessage}`,
			description: `Nothing was recorded. Correct the input named in the message and run the item again.${describeDetails(propexo.details)}`,
		});
	}
	if (status === 401 || status === 403) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo refused the access token (${status}): ${propexoMessage}`,
			description:
				'Open the Propexo credential and check the Access Token and the Environment: a Sandbox key does not work in Production, nor the other way round, and the key needs permission for this endpoint.',
		});
	}
	if (status === 404) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo could not find ${context.subject}: ${propexoMessage}`,
			description:
				'Check the ID, and that the credential points at the environment (Production, Sandbox or the custom Base URL) where that record lives.',
		});
	}
	if (status === 429) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo's rate limit is exhausted: ${propexoMessage}`,
			description:
				'Propexo rejected the request, so nothing was recorded and it is safe to run this item again. Spread the work over more time, or ask Propexo for a higher limit.',
		});
	}
	const outcome = outcomeOfStatus(status);
	if (outcome === 'unknown' && context.unknownOutcomeAdvice) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo answered with a server error (${status}) — ${context.subject} may have been recorded`,
			description: context.unknownOutcomeAdvice,
		});
	}
	if (status >= 500) {
		return apiError(node, errorBody, {
			...options,
			message: `Propexo is having trouble (${status}): ${propexoMessage}`,
			description: `The request was tried ${READ_ATTEMPTS} times. Wait a few minutes and run it again.`,
		});
	}
	return apiError(node, errorBody, {
		...options,
		message: `Propexo answered ${status}: ${propexoMessage}`,
	});
}

function redirectError(node: INode, response: FailedResponse, context: ErrorContext) {
	const status = response.statusCode;
	const where = redirectTarget(response.headers?.location);
	const options = { itemIndex: context.itemIndex, httpCode: String(status) };
	const errorBody = { code: 'REDIRECT', httpCode: status } as JsonObject;
	const fix = `The node never follows a redirect, so the access token goes to the credential's Base URL only. Set the Base URL (or Environment) of the Propexo credential to the address that answers itself${where ? ` — the redirect points to ${where}; use it only if it is Propexo or your own proxy` : ''}.`;
	if (!context.unknownOutcomeAdvice) {
		return apiError(node, errorBody, {
			...options,
			message: `The Base URL redirects (${status}); the redirect was not followed`,
			description: fix,
		});
	}
	if (outcomeOfStatus(status) === 'rejected') {
		return apiError(node, errorBody, {
			...options,
			message: `The Base URL redirects (${status}) — ${context.subject} was not sent on to ${where ?? 'another address'}`,
			description: `${fix} Nothing was recorded: a ${status} asks for the same request to be sent elsewhere, so it was not processed. Run the item again once the Base URL is right.`,
		});
	}
	return apiError(node, errorBody, {
		...options,
		message: `The Base URL redirects (${status}) — ${context.subject} may have been recorded`,
		description: `${fix} A ${status} can be the answer to a request that was processed. ${context.unknownOutcomeAdvice}`,
	});
}

/** Where a redirect points, as scheme and host only: its path and query may carry anything. */
function redirectTarget(location: unknown): string | undefined {
	if (typeof location !== 'string') return undefined;
	try {
		return new URL(location).origin;
	} catch {
		return undefined;
	}
}

/** Errors raised before any answer came back: no response, or a rate limit that never lifted. */
export function toTransportError(
	node: INode,
	error: NoResponseError | RateLimitExhaustedError,
	context: ErrorContext,
): NodeApiError {
	if (error instanceof RateLimitExhaustedError) {
		return apiError(node, { code: 'RATE_LIMITED' } as JsonObject, {
			itemIndex: context.itemIndex,
			httpCode: '429',
			message: `Propexo's rate limit stayed exhausted for ${Math.round(error.waitedMs / 1000)} s`,
			description:
				'Propexo rejected every attempt, so nothing was recorded and it is safe to run this item again later. Another workflow may be using the same API key heavily.',
		});
	}
	// Not under `code`: NodeApiError would swap our message for its generic one for that code.
	const errorBody = { connectionError: error.code ?? 'NO_RESPONSE' } as JsonObject;
	if (error.neverSentReason) {
		const message = `Could not reach Propexo: ${error.neverSentReason}`;
		const check =
			"Check the Environment and Base URL of the Propexo credential, the network and the proxy, and that the server's certificate is valid for that address.";
		return apiError(node, errorBody, {
			itemIndex: context.itemIndex,
			message: context.unknownOutcomeAdvice
				? `${message} — ${context.subject} was not sent`
				: message,
			description: context.unknownOutcomeAdvice
				? `Nothing reached Propexo, so nothing can have been recorded: it is safe to run this item again. ${check}`
				: check,
		});
	}
	// No raw error code (ECONNRESET, …) in the message: NodeApiError would replace the message.
	const what = error.timedOut ? 'timed out' : 'lost the connection before an answer came';
	if (context.unknownOutcomeAdvice) {
		return apiError(node, errorBody, {
			itemIndex: context.itemIndex,
			message: `The request to Propexo ${what} — ${context.subject} may have been recorded`,
			description: context.unknownOutcomeAdvice,
		});
	}
	return apiError(node, errorBody, {
		itemIndex: context.itemIndex,
		message: `The request to Propexo ${what}`,
		description: `It was tried ${READ_ATTEMPTS} times. Check the network, the Base URL of the credential and the Timeout option, then run it again.`,
	});
}
