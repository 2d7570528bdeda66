/**
 * Durable e2e tests in a real n8n: each payment posted once when n8n is killed (kill -9), when a
 * run hits the workflow timeout, in queue mode (n8n start + 2 workers on Postgres and Redis, which
 * scripts/queue-services.ts installs and starts), when an execution is stopped from the editor or
 * retried from the executions list, and after manual test runs. `npm run test:durable`. Figures
 * measured go to test-output/durable/.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e-durable'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/e2e-durable/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e-durable/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e-durable/global-teardown.ts',
	// One scenario at a time, in name order: they share the emulator and its rate limit.
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	maxWorkers: 1,
	verbose: true,
	testTimeout: 240000,
};
