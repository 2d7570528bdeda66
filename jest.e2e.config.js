/**
 * End-to-end tests in a real n8n (installed into .n8n-local/ by scripts/n8n-install.ts) and in its
 * editor with Debian's Chromium: `npm run test:e2e`. One n8n and one emulator serve every test file.
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'test/e2e/tsconfig.json' }],
	},
	globalSetup: '<rootDir>/test/e2e/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/global-teardown.ts',
	// Headless first, then the editor; one at a time (they share one n8n and one emulator).
	testSequencer: '<rootDir>/test/e2e/sequencer.js',
	maxWorkers: 1,
	verbose: true,
	testTimeout: 180000,
};
