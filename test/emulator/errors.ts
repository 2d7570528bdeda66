/** The errorResponse shape from the Propexo spec: { error: { code, message, details? } }. */

export interface ApiResponse {
	status: number;
	body: unknown;
	headers?: Record<string, string>;
}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly details?: Record<string, unknown>,
	) {
		super(message);
	}

	toResponse(): ApiResponse {
		return errorResponse(this.status, this.code, this.message, this.details);
	}
}

export function errorResponse(
	status: number,
	code: string,
	message: string,
	details?: Record<string, unknown>,
): ApiResponse {
	return { status, body: { error: details ? { code, message, details } : { code, message } } };
}

const DEFAULT_CODES: Record<number, [string, string]> = {
	400: ['BAD_REQUEST', 'Bad request'],
	401: ['UNAUTHORIZED', 'Invalid or missing API key'],
	403: ['FORBIDDEN', 'This API key is not allowed to perform this action'],
	404: ['NOT_FOUND', 'Not found'],
	409: ['CONFLICT', 'Conflict'],
	429: ['RATE_LIMIT_EXCEEDED', 'Rate limit exceeded, try again when the current window resets'],
	500: ['INTERNAL_SERVER_ERROR', 'Internal server error'],
	502: ['BAD_GATEWAY', 'Bad gateway'],
	503: ['SERVICE_UNAVAILABLE', 'Service temporarily unavailable'],
	504: ['GATEWAY_TIMEOUT', 'Gateway timeout'],
};

/** A plausible errorResponse for any status (used by injected faults). */
export function genericError(status: number): ApiResponse {
	const [code, message] = DEFAULT_CODES[status] ?? [`HTTP_${status}`, `HTTP ${status}`];
	return errorResponse(status, code, message);
}
