import type { IDataObject, IExecuteFunctions, JsonObject } from 'n8n-workflow';

import { waitForWriteStatus } from '../reads/writeStatus';
import type { HeldSlot } from '../transport';
import { propexoRequest, takeSlot } from '../transport';
import { outcomeOfError } from '../transport/classify';
import { RunHalted } from './notSent';
import type { RunGate } from './runGate';
import type { WriteSettings } from './settings';
import type { WriteSpec, WriteUnit } from './spec';
import type { NodeError } from '../errors';
import { apiError, operationError } from '../errors';

/** What a unit's send ended with, for all of its items. */
export type UnitResult =
	| { kind: 'posted'; jobId: string; json: IDataObject[] }
	| { kind: 'rejected' | 'unknown'; error: NodeError; jobId?: string }
	| { kind: 'notSent'; reason: 'stopped' | 'cancelled' }
	/** Failed before anything was sent, or every attempt was refused by the rate limit. */
	| { kind: 'notSent'; reason: 'error'; error: NodeError };

export interface SendRun {
	spec: WriteSpec;
	settings: WriteSettings;
	gate: RunGate;
	/** Called once per unit, as soon as its outcome is known. */
	settle(unit: WriteUnit, result: UnitResult): void;
	/**
	 * Claims a unit's records just before it is sent; returns what is left to send of it (items
	 * posted or being posted elsewhere are taken out and settled by the caller).
	 */
	admit(
		unit: WriteUnit,
		whileWaiting: <T>(wait: () => Promise<T>) => Promise<T>,
	): Promise<WriteUnit[]>;
}

// Enough workers that the rate limiter, not this pool, decides how many requests are in flight.
const MAX_WORKERS = 128;

/** Sends the units through a pool of workers; every unit is settled once, in any order. */
export async function sendUnits(
	this: IExecuteFunctions,
	units: WriteUnit[],
	run: SendRun,
): Promise<void> {
	let next = 0;
	// Workers waiting for a rate-limit turn stop waiting once the run stops or is cancelled.
	const stopWaiting = new AbortController();
	const { gate } = run;
	const waiting = gate.signal
		? AbortSignal.any([gate.signal, stopWaiting.signal])
		: stopWaiting.signal;
	const settle = (unit: WriteUnit, result: UnitResult) => {
		run.settle(unit, result);
		if (gate.halted()) stopWaiting.abort();
	};
	/** Sends the next unit, or what is left of it once claimed. */
	const sendNext = async () => {
		const unit = units[next++];
		let held: HeldSlot | undefined;
		try {
			held = await takeSlot.call(this, errorContextOf(unit), waiting);
		} catch (error) {
			const stopped = stopWaiting.signal.aborted && !gate.cancelled;
			settle(unit, failedSend(stopped ? new RunHalted(this.getNode()) : error, false, gate));
			return;
		}
		if (gate.halted()) {
			held?.release();
			settle(unit, failedSend(new RunHalted(this.getNode()), false, gate));
			return;
		}
		// Waiting for another execution's outcome must not hold the rate limit's turn: that
		// execution, in this process, may need it to send.
		const admitted = await run.admit(unit, async (wait) => {
			held?.release();
			held = undefined;
			try {
				return await wait();
			} finally {
				// Cancelled meanwhile: the send takes its own turn, and finds the run stopped.
				held = await takeSlot.call(this, errorContextOf(unit), waiting).catch(() => undefined);
			}
		});
		if (admitted.length === 0) held?.release();
		for (const [index, part] of admitted.entries()) {
			let slot = index === 0 ? held : undefined;
			if (firstAnswered) {
				if (!firstDone) {
					// Sent only once the first answer is in (the send hook then finds a stopped run),
					// and without holding a turn the first one may need (a 429, its write status).
					slot?.release();
					slot = undefined;
					await firstAnswered;
				}
				settle(part, await sendUnit.call(this, part, run, slot));
				continue;
			}
			let answered: () => void = () => {};
			firstAnswered = new Promise((resolve) => (answered = resolve));
			try {
				settle(part, await sendUnit.call(this, part, run, slot));
			} finally {
				firstDone = true;
				answered();
			}
		}
	};
	// The first unit sent goes alone: if it fails, as a wrong key, integration or mapping fails
	// every item, the run stops with one refused or unknown item instead of a whole burst of them.
	// Units that turn out to be repeats (skipped, unknown) send nothing and need not wait for it.
	let firstAnswered: Promise<void> | undefined;
	let firstDone = false;
	const worker = async () => {
		while (next < units.length && !gate.halted()) await sendNext();
	};
	await Promise.all(Array.from({ length: Math.min(MAX_WORKERS, units.length) }, worker));
	const reason = gate.haltReason;
	for (; next < units.length; next++) run.settle(units[next], { kind: 'notSent', reason });
}

function errorContextOf(unit: WriteUnit) {
	return {
		itemIndex: unit.items[0].itemIndex,
		subject: unit.subject,
		unknownOutcomeAdvice: unit.howToCheck,
	};
}

async function sendUnit(
	this: IExecuteFunctions,
	unit: WriteUnit,
	run: SendRun,
	slot?: HeldSlot,
): Promise<UnitResult> {
	const gate = run.gate.forRequest(() => this.getNode(), unit.items[0].itemIndex);
	let body: IDataObject;
	try {
		const response = await propexoRequest.call(this, {
			method: 'POST',
			url: run.spec.url,
			body: unit.body,
			base: run.settings.request,
			signal: run.gate.signal,
			slot,
			gate,
			errorContext: errorContextOf(unit),
		});
		body = (response.body ?? {}) as IDataObject;
	} catch (error) {
		return failedSend(error, gate.sent, run.gate);
	}

	const jobId = (body.meta as IDataObject | undefined)?.job_id ?? body.job_id;
	if (typeof jobId !== 'string' || jobId === '') {
		run.gate.fail(unit.items[0].itemIndex);
		return {
			kind: 'unknown',
			error: operationError(
				this.getNode(),
				`Propexo accepted ${unit.subject} without a job ID — it may have been recorded`,
				{ itemIndex: unit.items[0].itemIndex, description: unit.howToCheck },
			),
		};
	}
	const json = unit.items.map(({ record }, index) => ({
		job_id: jobId,
		...record,
		...echoOf(body, index, unit.items.length),
	}));
	if (run.settings.confirmTimeoutMs === undefined) return { kind: 'posted', jobId, json };
	return await confirm.call(this, unit, jobId, json, run);
}

function failedSend(error: unknown, sent: boolean, gate: RunGate): UnitResult {
	if (!sent) {
		if (error instanceof RunHalted || gate.cancelled) {
			return { kind: 'notSent', reason: gate.haltReason };
		}
		return { kind: 'notSent', reason: 'error', error: error as NodeError };
	}
	const outcome = outcomeOfError(error);
	if (outcome === 'notSent') return { kind: 'notSent', reason: 'error', error: error as NodeError };
	return { kind: outcome, error: error as NodeError };
}

/** Propexo echoes what it received: one record, or a batch's records under `charges`. */
function echoOf(body: IDataObject, index: number, count: number): IDataObject {
	const echoed = (body.result ?? body.data) as IDataObject | undefined;
	if (!echoed || typeof echoed !== 'object') return {};
	if (Array.isArray(echoed.charges)) return (echoed.charges[index] as IDataObject) ?? {};
	return count === 1 ? echoed : {};
}

/**
 * Waits for ResMan's verdict. FAILURE means nothing was recorded. A write still PENDING at the
 * deadline, or whose status cannot be read, was accepted by Propexo: it stays a success, marked
 * PENDING or UNKNOWN, so that nobody posts it again.
 */
async function confirm(
	this: IExecuteFunctions,
	unit: WriteUnit,
	jobId: string,
	json: IDataObject[],
	run: SendRun,
): Promise<UnitResult> {
	const itemIndex = unit.items[0].itemIndex;
	let writeStatus: string;
	let writeErrors: string[];
	try {
		const status = await waitForWriteStatus.call(this, jobId, {
			timeoutMs: run.settings.confirmTimeoutMs ?? 0,
			itemIndex,
			request: run.settings.request,
			signal: run.gate.signal,
		});
		writeStatus = status.write_status;
		writeErrors = status.errors;
	} catch (error) {
		writeStatus = 'UNKNOWN';
		writeErrors = [`The write status could not be read: ${(error as Error).message}`];
	}
	if (writeStatus === 'FAILURE') {
		const reason = writeErrors.join('; ') || 'no reason given';
		return {
			kind: 'rejected',
			jobId,
			error: apiError(this.getNode(), { errors: writeErrors } as JsonObject, {
				itemIndex,
				message: `ResMan did not record ${unit.subject}: ${reason}`,
				description: `Propexo's write job ${jobId} ended in FAILURE. If the reason is a duplicate, a record with this reference number and batch is already in ResMan: do not post it again. Otherwise fix the cause and post it again.`,
			}),
		};
	}
	for (const output of json) {
		output.write_status = writeStatus;
		output.write_errors = writeErrors;
	}
	return { kind: 'posted', jobId, json };
}
