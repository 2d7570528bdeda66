/**
 * The GitHub Actions workflows, checked offline: valid YAML, and the triggers, permissions and
 * steps that CI and publishing rely on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, string>;
}
interface Job {
	'runs-on': string;
	container?: { image: string };
	permissions?: Record<string, string>;
	steps: Step[];
}
interface Workflow {
	on: Record<string, unknown>;
	jobs: Record<string, Job>;
}

const WORKFLOWS = path.resolve(__dirname, '../../.github/workflows');

function load(name: string): Workflow {
	return parse(readFileSync(path.join(WORKFLOWS, name), 'utf8'), { strict: true }) as Workflow;
}

function onlyJob(workflow: Workflow): Job {
	const jobs = Object.values(workflow.jobs);
	expect(jobs).toHaveLength(1);
	return jobs[0];
}

const runs = (job: Job) => job.steps.map((step) => step.run ?? '').join('\n');

describe('ci.yml', () => {
	const workflow = load('ci.yml');
	const job = onlyJob(workflow);

	it('runs on every push and pull request, on ubuntu-latest with Node 20', () => {
		expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
		expect(workflow.on.push ?? null).toBeNull();
		expect(job['runs-on']).toBe('ubuntu-latest');
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.with?.['node-version']).toBe(20);
	});

	it('installs Debian Chromium with apt, then runs .ci/run', () => {
		expect(job.container?.image).toMatch(/bookworm/);
		expect(runs(job)).toMatch(/apt-get install -y -q chromium/);
		expect(runs(job)).toMatch(/^bash \.ci\/run$/m);
		expect(readFileSync(path.resolve(__dirname, '../../.ci/run'), 'utf8')).toMatch(
			/npm ci[\s\S]*npm run build[\s\S]*npm run lint[\s\S]*npm test[\s\S]*npm run test:e2e/,
		);
	});
});

describe('publish.yml', () => {
	const workflow = load('publish.yml');
	const job = onlyJob(workflow);

	it('runs on version tags only', () => {
		expect(workflow.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('may mint an OIDC token for provenance and only read the repository', () => {
		expect(job.permissions).toEqual({ 'id-token': 'write', contents: 'read' });
	});

	it('sets up Node 20 for the npm registry, without a dependency cache', () => {
		const setupNode = job.steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		expect(setupNode?.uses).toBe('actions/setup-node@v6');
		expect(setupNode?.with).toEqual({
			'node-version': 20,
			'registry-url': 'https://registry.npmjs.org',
			'package-manager-cache': false,
		});
	});

	it('refuses to publish while the package names no owner, then builds, lints and tests', () => {
		const commands = job.steps.map((step) => step.run ?? '');
		const at = (command: string) => commands.findIndex((run) => run.trim() === command);
		const order = [
			'node scripts/release-metadata.mjs',
			'npm install --global npm@^11.5.1',
			'npm ci --no-audit --no-fund',
			'npm run build',
			'npm run lint',
			'npm test',
			'npm publish --provenance --access public',
		].map(at);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});

	it('publishes by trusted publishing: no npm token, no secret, anywhere in the workflow', () => {
		const text = readFileSync(path.join(WORKFLOWS, 'publish.yml'), 'utf8');
		const code = text
			.split('\n')
			.filter((line) => !line.trim().startsWith('#'))
			.join('\n');
		expect(code).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
		for (const step of job.steps) expect(step.env ?? {}).toEqual({});
	});
});
