import type { INode } from 'n8n-workflow';

import type { SendGate } from '../transport';
import type { Verdict } from '../transport/classify';
import { RunHalted } from './notSent';

/**
 * Whether a write run may still send: a cancel closes it, and in "Stop Workflow" mode so does the
 * first failure, before the rate limiter lets the next request go.
 */
export class RunGate {
	private first: number | undefined;

	constructor(
		private readonly stopOnFailure: boolean,
		readonly signal?: AbortSignal,
	) {}

	get cancelled(): boolean {
		return this.signal?.aborted === true;
	}

	halted(): boolean {
		return this.cancelled || (this.stopOnFailure && this.first !== undefined);
	}

	/** Why what is left of the run was not sent. */
	get haltReason(): 'cancelled' | 'stopped' {
		return this.cancelled ? 'cancelled' : 'stopped';
	}

	/** The first item that failed, which a stopped run reports. */
	get firstFailure(): number | undefined {
		return this.first;
	}

	fail(itemIndex: number): void {
		this.first ??= itemIndex;
	}

	/**
	 * The gate one request passes through; it knows whether that request left. The node is read
	 * only when the run halts: `getNode()` returns a deep copy, and one per waiting request
	 * added up to 13 MiB at 1,000 payments.
	 */
	forRequest(node: () => INode, itemIndex: number): RequestGate {
		return new RequestGate(this, node, itemIndex);
	}
}

export class RequestGate implements SendGate {
	/** True while an attempt may have reached Propexo. */
	sent = false;

	constructor(
		private readonly run: RunGate,
		private readonly node: () => INode,
		private readonly itemIndex: number,
	) {}

	beforeSend(): void {
		if (this.run.halted()) throw new RunHalted(this.node());
		this.sent = true;
	}

	onAnswer({ outcome }: Verdict): void {
		// Refused by the rate limit, so not recorded: until the next attempt, nothing was sent.
		if (outcome === 'rateLimited') this.sent = false;
		else if (outcome !== 'succeeded') this.run.fail(this.itemIndex);
	}
}
