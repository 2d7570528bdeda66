/**
 * Only with jest.compat.config.js (n8n-core 1.x). n8n-core 1.x's SSHClientsManager, created with
 * every node context, starts a cleanup interval that is not unref'd (2.x unrefs it) and is only
 * stopped when n8n shuts down, so jest would never exit. Shut it down as n8n does.
 */
import path from 'node:path';

interface Container {
	has(type: unknown): boolean;
	get<T>(type: unknown): T;
}

afterAll(async () => {
	const core = path.dirname(require.resolve('n8n-core'));
	// n8n-core's own @n8n/di: the container that holds its services.
	const di = (await import(require.resolve('@n8n/di', { paths: [core] }))) as {
		Container: Container;
	};
	const { SSHClientsManager } = await import('n8n-core/dist/execution-engine/ssh-clients-manager');
	if (di.Container.has(SSHClientsManager)) {
		di.Container.get<{ onShutdown(): void }>(SSHClientsManager).onShutdown();
	}
});
