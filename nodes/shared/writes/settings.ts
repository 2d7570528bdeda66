import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { readRequestOptions } from '../transport/requestOptions';
import { operationError } from '../errors';

export const DEFAULT_CONFIRMATION_TIMEOUT_S = 60;
export const DEFAULT_REMEMBER_DAYS = 45;

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
	optionsParameter: string,
	batchSizeParameter?: string,
): WriteSettings {
	const options = this.getNodeParameter(optionsParameter, 0, {}) as IDataObject;
	const request = readRequestOptions.call(this);
	const settings: WriteSettings = {
		validateOnly: options.validateOnly === true,
		skipAlreadyPosted: this.getNodeParameter('skipAlreadyPosted', 0, true) !== false,
		rememberDays: positive.call(
			this,
			options.rememberDays ?? DEFAULT_REMEMBER_DAYS,
			'Options → Remember Posted For (Days)',
			'Enter a number of days such as 45.',
		),
		batchSize: batchSizeParameter ? readBatchSize.call(this, batchSizeParameter) : 1,
		request,
	};
	if (options.waitForConfirmation === true) {
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
