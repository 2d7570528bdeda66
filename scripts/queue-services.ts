/**
 * Postgres and Redis for n8n's queue mode, on private loopback ports in a throwaway folder, for the
 * durable e2e tests (`npm run test:durable`). Installs them with apt-get when they are missing
 * (Debian/Ubuntu, as root, as in CI). Idempotent: `start` leaves running services alone.
 *
 *   npx tsx scripts/queue-services.ts start    # install if missing, start (Postgres 5850, Redis 5851)
 *   npx tsx scripts/queue-services.ts stop
 *   npx tsx scripts/queue-services.ts status
 *
 * Postgres refuses to run as root: as root, its commands run as the `postgres` user that the
 * Debian package creates. Environment: QUEUE_SERVICES_DIR (default /tmp/propexo-queue-services),
 * QUEUE_POSTGRES_PORT, QUEUE_REDIS_PORT.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export const SERVICES_DIR = process.env.QUEUE_SERVICES_DIR ?? '/tmp/propexo-queue-services';
export const POSTGRES_PORT = Number(process.env.QUEUE_POSTGRES_PORT ?? 5850);
export const REDIS_PORT = Number(process.env.QUEUE_REDIS_PORT ?? 5851);
export const POSTGRES_USER = 'postgres';
const PG_DATA = path.join(SERVICES_DIR, 'postgres');
const PG_LOG = path.join(SERVICES_DIR, 'postgres.log');
const REDIS_DIR = path.join(SERVICES_DIR, 'redis');
const REDIS_PID = path.join(REDIS_DIR, 'redis.pid');

function log(message: string) {
	process.stdout.write(`[queue-services] ${message}\n`);
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

function run(cmd: string, args: string[], options: SpawnSyncOptions = {}) {
	const result = spawnSync(cmd, args, { encoding: 'utf8', ...options });
	return {
		ok: result.status === 0,
		output: `${String(result.stdout ?? '')}${String(result.stderr ?? '')}`.trim(),
	};
}

function mustRun(cmd: string, args: string[], options: SpawnSyncOptions = {}): string {
	const result = run(cmd, args, options);
	if (!result.ok) throw new Error(`${cmd} ${args.join(' ')} failed:\n${result.output}`);
	return result.output;
}

function onPath(command: string): boolean {
	return run('sh', ['-c', `command -v ${command}`]).ok;
}

/** The newest Debian Postgres server's bin folder, e.g. /usr/lib/postgresql/15/bin. */
function postgresBinDir(): string | undefined {
	const base = '/usr/lib/postgresql';
	if (!existsSync(base)) return undefined;
	const versions = readdirSync(base)
		.filter((name) => existsSync(path.join(base, name, 'bin', 'pg_ctl')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : undefined;
}

function aptInstall(packages: string[]) {
	if (!isRoot()) {
		throw new Error(`${packages.join(', ')} missing; install them (apt-get needs root)`);
	}
	log(`apt-get install ${packages.join(' ')}`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	mustRun('apt-get', ['update', '-q'], { env });
	mustRun('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...packages], { env });
}

/** Installs Postgres and Redis if missing. */
export function ensureInstalled(): { pgBin: string } {
	const missing: string[] = [];
	if (!postgresBinDir()) missing.push('postgresql');
	if (!onPath('redis-server')) missing.push('redis-server');
	if (missing.length) aptInstall(missing);
	const pgBin = postgresBinDir();
	if (!pgBin) throw new Error('Postgres is not installed (no /usr/lib/postgresql/*/bin/pg_ctl)');
	return { pgBin };
}

/** Runs a Postgres tool as the `postgres` user when we are root. */
function asPostgres(bin: string, args: string[]) {
	if (isRoot()) return run('runuser', ['-u', POSTGRES_USER, '--', bin, ...args]);
	return run(bin, args);
}

function postgresRunning(pgBin: string): boolean {
	return (
		existsSync(PG_DATA) && asPostgres(path.join(pgBin, 'pg_ctl'), ['status', '-D', PG_DATA]).ok
	);
}

function redisRunning(): boolean {
	return run('redis-cli', ['-h', '127.0.0.1', '-p', String(REDIS_PORT), 'ping']).output === 'PONG';
}

function startPostgres(pgBin: string) {
	if (postgresRunning(pgBin)) {
		log(`Postgres already running on 127.0.0.1:${POSTGRES_PORT}`);
		return;
	}
	mkdirSync(SERVICES_DIR, { recursive: true });
	chmodSync(SERVICES_DIR, 0o755);
	if (!existsSync(path.join(PG_DATA, 'PG_VERSION'))) {
		rmSync(PG_DATA, { recursive: true, force: true });
		mkdirSync(PG_DATA, { recursive: true });
		if (isRoot()) {
			const ids = mustRun('id', ['-u', POSTGRES_USER]);
			const gid = mustRun('id', ['-g', POSTGRES_USER]);
			chownSync(PG_DATA, Number(ids), Number(gid));
		}
		const init = asPostgres(path.join(pgBin, 'initdb'), [
			'-D',
			PG_DATA,
			'-U',
			POSTGRES_USER,
			'--auth=trust',
			'--encoding=UTF8',
			'--no-sync',
		]);
		if (!init.ok) throw new Error(`initdb failed:\n${init.output}`);
	}
	// The log file must be writable by the postgres user.
	if (isRoot()) {
		mustRun('touch', [PG_LOG]);
		mustRun('chown', [`${POSTGRES_USER}:`, PG_LOG]);
	}
	const options = [
		`-p ${POSTGRES_PORT}`,
		'-c listen_addresses=127.0.0.1',
		`-c unix_socket_directories=${PG_DATA}`,
		'-c fsync=off',
		'-c max_connections=100',
	].join(' ');
	const started = asPostgres(path.join(pgBin, 'pg_ctl'), [
		'start',
		'-D',
		PG_DATA,
		'-l',
		PG_LOG,
		'-w',
		'-t',
		'60',
		'-o',
		options,
	]);
	if (!started.ok) throw new Error(`Postgres did not start:\n${started.output}`);
	log(`Postgres on 127.0.0.1:${POSTGRES_PORT} (data ${PG_DATA})`);
}

function startRedis() {
	if (redisRunning()) {
		log(`Redis already running on 127.0.0.1:${REDIS_PORT}`);
		return;
	}
	mkdirSync(REDIS_DIR, { recursive: true });
	mustRun('redis-server', [
		'--port',
		String(REDIS_PORT),
		'--bind',
		'127.0.0.1',
		'--dir',
		REDIS_DIR,
		'--save',
		'',
		'--appendonly',
		'no',
		'--daemonize',
		'yes',
		'--pidfile',
		REDIS_PID,
		'--logfile',
		path.join(REDIS_DIR, 'redis.log'),
	]);
	for (let i = 0; i < 100 && !redisRunning(); i++) spawnSync('sleep', ['0.1']);
	if (!redisRunning()) throw new Error('Redis did not start');
	log(`Redis on 127.0.0.1:${REDIS_PORT}`);
}

export function startQueueServices(): void {
	const { pgBin } = ensureInstalled();
	startPostgres(pgBin);
	startRedis();
}

export function stopQueueServices(): void {
	const pgBin = postgresBinDir();
	if (pgBin && postgresRunning(pgBin)) {
		asPostgres(path.join(pgBin, 'pg_ctl'), ['stop', '-D', PG_DATA, '-m', 'fast', '-w']);
		log('Postgres stopped');
	}
	if (onPath('redis-cli') && redisRunning()) {
		run('redis-cli', ['-h', '127.0.0.1', '-p', String(REDIS_PORT), 'shutdown', 'nosave']);
		log('Redis stopped');
	}
}

/** A fresh, empty database (dropped first if it exists) and an empty Redis. */
export function freshDatabase(name: string): void {
	const pgBin = postgresBinDir();
	if (!pgBin) throw new Error('Postgres is not installed');
	const connection = ['-h', '127.0.0.1', '-p', String(POSTGRES_PORT), '-U', POSTGRES_USER];
	mustRun(path.join(pgBin, 'dropdb'), [...connection, '--if-exists', '--force', name]);
	mustRun(path.join(pgBin, 'createdb'), [...connection, name]);
	mustRun('redis-cli', ['-h', '127.0.0.1', '-p', String(REDIS_PORT), 'flushall']);
}

/** n8n's environment for queue mode against these services. */
export function queueModeEnv(database: string): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(REDIS_PORT),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(POSTGRES_PORT),
		DB_POSTGRESDB_DATABASE: database,
		DB_POSTGRESDB_USER: POSTGRES_USER,
		DB_POSTGRESDB_PASSWORD: '',
	};
}

if (require.main === module) {
	const command = process.argv[2];
	try {
		if (command === 'start') startQueueServices();
		else if (command === 'stop') stopQueueServices();
		else if (command === 'status') {
			const pgBin = postgresBinDir();
			log(`Postgres: ${pgBin && postgresRunning(pgBin) ? 'running' : 'stopped'}`);
			log(`Redis: ${onPath('redis-cli') && redisRunning() ? 'running' : 'stopped'}`);
		} else {
			process.stderr.write('usage: tsx scripts/queue-services.ts start|stop|status\n');
			process.exit(2);
		}
	} catch (error) {
		process.stderr.write(`[queue-services] ${(error as Error).message}\n`);
		process.exit(1);
	}
}
