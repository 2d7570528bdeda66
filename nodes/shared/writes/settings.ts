import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readRequestOptions } from '../transport/requestOptions';
import { operationError } from '../errors';

export const DEFAULT_CONFIRMATION_TIMEOUT_S = 60;
export const DEFAULT_REMEMBER_DAYS = 45;
/** The Options collection of every write operation (Validate Only, Wait for Confirmation, …). */
export const WRITE_OPTIONS_PARAMETER = 'createOptions';

/** How the user set up a write operation; read once per run, before anything is sent. */
export interface WriteSettings {
	validateOnly: boolean;
	/** Set when the node waits for ResMan's verdict on each write. */
	confirmTimeoutMs?: number;
	skipAlreadyPosted: boolean;
	rememberDays: number;
	/** Records per request of a batched write; 1 for writes that send one record a request. */
	batchSize: number;
	request: Partial<IHttpRequestOptions>;
}

/** Reads and checks the run-wide settings; throws a NodeOperationError naming the bad one. */
export function readWriteSettings(
	this: IExecuteFunctions,
	batchSizeParameter?: string,
): WriteSettings {
	const options = this.getNodeParameter(WRITE_OPTIONS_PARAMETER, 0, {}) as IDataObject;
	const request = readRequestOptions.call(this);
	// An option left unset is absent from the collection; one set by an expression is present even
	// when the expression gave nothing, and is then refused.
	const option = (name: string, label: string, fallback: boolean) =>
		name in options ? flag.call(this, options[name], label) : fallback;
	const settings: WriteSettings = {
		validateOnly: option('validateOnly', 'Options → Validate Only', false),
		skipAlreadyPosted: flag.call(
			this,
			this.getNodeParameter('skipAlreadyPosted', 0, true),
			'Skip Already Posted',
		),
		rememberDays: positive.call(
			this,
			options.rememberDays ?? DEFAULT_REMEMBER_DAYS,
			'Options → Remember Posted For (Days)',
			'Enter a number of days such as 45.',
		),
		batchSize: batchSizeParameter ? readBatchSize.call(this, batchSizeParameter) : 1,
		request,
	};
	if (option('waitForConfirmation', 'Options → Wait for Confirmation', false)) {
		const seconds = positive.call(
			this,
			options.confirmationTimeout ?? DEFAULT_CONFIRMATION_TIMEOUT_S,
			'Options → Confirmation Timeout (Seconds)',
			`Enter a number of seconds such as ${DEFAULT_CONFIRMATION_TIMEOUT_S}.`,
		);
		settings.confirmTimeoutMs = seconds * 1000;
	}
	return settings;
}

/**
 * A switch as the editor saves it (true or false) or as an expression may give it: the text
 * "true" or "false", any case, spaces around. Anything else is refused rather than guessed: a
 * Validate Only read as false would send real money.
 */
function flag(this: IExecuteFunctions, value: unknown, label: string): boolean {
	if (typeof value === 'boolean') return value;
	const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
	if (text === 'true') return true;
	if (text === 'false') return false;
	const shown = typeof value === 'string' ? `"${value}"` : String(value);
	throw operationError(this.getNode(), `${label}: ${shown} is not true or false`, {
		description:
			'Switch it on or off, or make its expression return true or false (the text "true" or "false" is accepted too). Nothing was sent.',
	});
}

function positive(this: IExecuteFunctions, value: unknown, label: string, hint: string): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number === 'number' && Number.isFinite(number) && number > 0) return number;
	throw operationError(this.getNode(), `${label}: "${String(value)}" is not a positive number`, {
		description: `${hint} Nothing was sent.`,
	});
}

function readBatchSize(this: IExecuteFunctions, parameter: string): number {
	const value = this.getNodeParameter(parameter, 0, 1);
	const size = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
	if (typeof size === 'number' && Number.isSafeInteger(size) && size > 0) return size;
	throw operationError(
		this.getNode(),
		`Batch Size: "${String(value)}" is not a positive whole number`,
		{ description: 'Enter how many records one request carries, such as 50. Nothing was sent.' },
	);
}
