import tsParser from '@typescript-eslint/parser';
import tsPlugin from '@typescript-eslint/eslint-plugin';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const n8nBase = { 'n8n-nodes-base': n8nNodesBase };

// n8n runs community nodes without access to the host: no environment, no files, no processes.
const HOST_MODULES = ['fs', 'fs/promises', 'child_process', 'process'].flatMap((name) => [
	name,
	`node:${name}`,
]);
const NO_HOST_MESSAGE =
	'Nodes and credentials get everything from their parameters and credentials, never from the host.';

// Tests, dev scripts and the benchmark run on the host: plain TypeScript rules only.
const TOOLING_TS = ['test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'];

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.n8n-local/**', 'coverage/**', 'test-output/**'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tsParser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: n8nBase,
		rules: n8nNodesBase.configs.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Our documentation lives in the package README, not on docs.n8n.io.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: n8nBase,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
		...communityNodes.configs.recommended,
	},
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			'no-restricted-globals': [
				'error',
				{ name: 'process', message: NO_HOST_MESSAGE },
				{ name: 'require', message: NO_HOST_MESSAGE },
			],
			'no-restricted-properties': [
				'error',
				{ object: 'process', property: 'env', message: NO_HOST_MESSAGE },
				{ object: 'globalThis', property: 'process', message: NO_HOST_MESSAGE },
			],
			'no-restricted-imports': [
				'error',
				{ paths: HOST_MODULES.map((name) => ({ name, message: NO_HOST_MESSAGE })) },
			],
		},
	},
	...tsPlugin.configs['flat/recommended'].map((config) => ({ ...config, files: TOOLING_TS })),
	{
		files: TOOLING_TS,
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
			],
			eqeqeq: ['error', 'always', { null: 'ignore' }],
		},
	},
	{
		files: ['**/*.{js,mjs}'],
		languageOptions: { sourceType: 'module', ecmaVersion: 2023 },
		rules: { 'no-unused-vars': 'error', 'prefer-const': 'error', 'no-var': 'error' },
	},
	{
		files: ['**/*.js'],
		languageOptions: { sourceType: 'commonjs' },
	},
];
