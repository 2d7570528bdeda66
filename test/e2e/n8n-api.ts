/** Small clients for the real n8n the e2e tests run against: its CLI and its REST API. */
import { login, runN8n } from '../../scripts/n8n-local';
import type { E2eState } from './state';

export interface NodeItem {
	json: Record<string, unknown>;
	pairedItem?: unknown;
	error?: unknown;
}

export interface TaskData {
	executionStatus?: string;
	error?: { message?: string; description?: string; [key: string]: unknown };
	data?: { main?: Array<NodeItem[] | null> };
}

export interface CliExecution {
	code: number | null;
	ms: number;
	output: string;
	/** The IRun JSON printed by `--rawOutput` (undefined when the run failed). */
	run?: {
		status?: string;
		data: { resultData: { runData: Record<string, TaskData[]>; error?: { message?: string } } };
	};
}

/** `n8n execute --id=ID --rawOutput`, run beside the started server (own task-broker port). */
export async function executeWithCli(state: E2eState, workflowId: string): Promise<CliExecution> {
	const result = await runN8n(['execute', `--id=${workflowId}`, '--rawOutput'], {
		userFolder: state.userFolder,
		port: state.cliPort,
		env: { N8N_LOG_LEVEL: 'info' },
	});
	const output = `${result.stdout}\n${result.stderr}`;
	let run: CliExecution['run'];
	if (result.code === 0) {
		// --rawOutput prints the run as pretty JSON, starting with a line that is just "{".
		const start = result.stdout.search(/^\{$/m);
		if (start === -1) throw new Error(`n8n execute printed no JSON:\n${output}`);
		run = JSON.parse(result.stdout.slice(start));
	}
	return { code: result.code, ms: result.ms, output, run };
}

export function nodeRun(execution: CliExecution, nodeName: string): TaskData {
	const runs = execution.run?.data.resultData.runData[nodeName];
	if (!runs?.length) throw new Error(`node "${nodeName}" did not run:\n${execution.output}`);
	return runs[0];
}

/** A logged-in session with n8n's REST API, as the editor uses it. */
export class N8nRest {
	private constructor(
		private readonly url: string,
		private readonly cookie: string,
	) {}

	static async login(state: E2eState): Promise<N8nRest> {
		return new N8nRest(
			state.n8nUrl,
			await login(state.n8nUrl, state.owner.email, state.owner.password),
		);
	}

	async request<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}${path}`, {
			method,
			headers: { cookie: this.cookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
		return (JSON.parse(text) as { data: T }).data;
	}

	/**
	 * "Test" in the credential dialog: the editor loads the credential (secrets redacted), and
	 * posts it to /rest/credentials/test, optionally with changed fields.
	 */
	async testCredential(
		id: string,
		changes: Record<string, unknown> = {},
	): Promise<{ status: 'OK' | 'Error'; message: string }> {
		const stored = await this.request<{
			id: string;
			name: string;
			type: string;
			data: Record<string, unknown>;
		}>('GET', `/rest/credentials/${id}?includeData=true`);
		return await this.request('POST', '/rest/credentials/test', {
			credentials: {
				id: stored.id,
				name: stored.name,
				type: stored.type,
				data: { ...stored.data, ...changes },
			},
		});
	}
}
