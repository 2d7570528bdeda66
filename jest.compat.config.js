/**
 * The engine suite on n8n-core 1.x: `npm run test:compat` (scripts/compat.ts) installs it into
 * .compat/n8n-core-1/ and runs jest with this config. Every `n8n-core` and `n8n-workflow` import
 * in this jest runtime — the harness, the tests, the package loaded from dist/ and n8n-core's own —
 * resolves to that install, so there is one n8n-workflow and its classes match across all of them.
 */
const path = require('node:path');

const base = require('./jest.config');

const modules = path.join(
	process.env.N8N_COMPAT_DIR ?? path.join(__dirname, '.compat', 'n8n-core-1'),
	'node_modules',
);

module.exports = {
	...base,
	// The emulator's own tests do not touch n8n.
	testPathIgnorePatterns: [...base.testPathIgnorePatterns, '<rootDir>/test/emulator/'],
	setupFilesAfterEnv: ['<rootDir>/test/setup/compatShutdown.ts'],
	moduleNameMapper: {
		'^n8n-core$': path.join(modules, 'n8n-core'),
		'^n8n-core/(.*)$': path.join(modules, 'n8n-core', '$1'),
		'^n8n-workflow$': path.join(modules, 'n8n-workflow'),
		'^n8n-workflow/(.*)$': path.join(modules, 'n8n-workflow', '$1'),
	},
};
