/** Queue of injected faults; each one is consumed by the next matching request. */
import type { ApiResponse } from './errors';
import type { Fault, FaultMatch } from './types';

const KINDS = ['status', 'drop-before', 'drop-after', 'status-after', 'latency', 'no-job-id'];

export class FaultQueue {
	private queue: { match: FaultMatch; test: (path: string) => boolean; fault: Fault }[] = [];

	add(match: FaultMatch, faults: Fault[]): void {
		for (const fault of faults) assertFault(fault);
		const test = pathMatcher(match.path);
		for (const fault of faults) this.queue.push({ match, test, fault });
	}

	take(method: string, path: string): Fault | undefined {
		const index = this.queue.findIndex(
			(q) =>
				(!q.match.method || q.match.method.toUpperCase() === method.toUpperCase()) && q.test(path),
		);
		return index < 0 ? undefined : this.queue.splice(index, 1)[0].fault;
	}

	get size(): number {
		return this.queue.length;
	}

	clear(): void {
		this.queue = [];
	}
}

function pathMatcher(pattern: string | undefined): (path: string) => boolean {
	if (!pattern) return () => true;
	if (!/[{*]/.test(pattern)) return (path) => path === pattern;
	const source = pattern
		.split(/(\{[^}/]+\}|\*$)/)
		.map((part) =>
			part.startsWith('{')
				? '[^/]+'
				: part === '*'
					? '.*'
					: part.replace(/[.+?^$()|[\]\\]/g, '\\$&'),
		)
		.join('');
	const regex = new RegExp(`^${source}$`);
	return (path) => regex.test(path);
}

function assertFault(fault: Fault): void {
	if (!fault || typeof fault !== 'object' || !KINDS.includes(fault.kind)) {
		throw new Error(`Unknown fault ${JSON.stringify(fault)}; kinds: ${KINDS.join(', ')}`);
	}
	if ((fault.kind === 'status' || fault.kind === 'status-after') && !validStatus(fault.status)) {
		throw new Error(`Fault ${fault.kind} needs an HTTP status (200-599)`);
	}
	if (fault.kind === 'latency' && !(typeof fault.ms === 'number' && fault.ms >= 0)) {
		throw new Error('Fault latency needs ms >= 0');
	}
	const noJobIdStatus = fault.kind === 'no-job-id' ? fault.status : undefined;
	if (noJobIdStatus !== undefined && !(validStatus(noJobIdStatus) && noJobIdStatus < 300)) {
		throw new Error('Fault no-job-id takes a 2xx status');
	}
}

/** The `no-job-id` fault: an accepted write answered `{ result }` without `meta.job_id`. */
export function withoutJobId(response: ApiResponse, status = 200): ApiResponse {
	const body = response.body as { meta?: { job_id?: unknown }; result?: unknown } | null;
	if (response.status >= 300 || typeof body?.meta?.job_id !== 'string') return response;
	return { status, body: { result: body.result } };
}

function validStatus(status: unknown): boolean {
	return typeof status === 'number' && Number.isInteger(status) && status >= 200 && status <= 599;
}
