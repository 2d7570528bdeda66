import { WorkflowExecute } from 'n8n-core';

/**
 * n8n's "Stop execution" for the runs of a test file, or of a describe block when called in one:
 * WorkflowExecute.processRunExecutionData returns a PCancelable, and its cancel() is what n8n calls.
 */
export function useStopExecution(): { stopAfter(ms: number): void } {
	let execute: jest.SpyInstance | undefined;
	beforeAll(() => {
		execute = jest.spyOn(WorkflowExecute.prototype, 'processRunExecutionData');
	});
	afterAll(() => execute?.mockRestore());
	return {
		/** Stops the latest run `ms` from now. */
		stopAfter(ms) {
			const running = execute?.mock.results.at(-1)?.value as { cancel(): void };
			setTimeout(() => running.cancel(), ms);
		},
	};
}
