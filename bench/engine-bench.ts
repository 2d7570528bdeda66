/**
 * The charge and resident benches: each variant, run after run, in an engine child process of its
 * own against one emulator, each in a fresh rate-limit window; a JSON line per row, then a table.
 */
import { runChild, type VariantArgs, type VariantResult } from './child';
import { startBenchEmulator, type BenchEmulator } from './emulator';
import { loadAverages } from './format';
import { WINDOW_MS } from './protocol';

export interface EngineBench<V extends string, R> {
	/** Its log lines start with `[bench:<name>]`. */
	name: string;
	/** The first log line, given the load averages. */
	intro(load: string): string;
	variants: V[];
	runs: number;
	measure(bench: BenchEmulator, variant: V, run: number): Promise<R>;
	table(rows: R[]): string[];
}

export async function runEngineBench<V extends string, R>(spec: EngineBench<V, R>): Promise<R[]> {
	const log = (message: string) => process.stdout.write(`[bench:${spec.name}] ${message}\n`);
	log(spec.intro(loadAverages()));
	const bench = await startBenchEmulator();
	const rows: R[] = [];
	try {
		for (let run = 1; run <= spec.runs; run++) {
			for (const variant of spec.variants) {
				const row = await spec.measure(bench, variant, run);
				rows.push(row);
				log(JSON.stringify(row));
			}
		}
	} finally {
		await bench.emulator.close();
	}
	for (const line of spec.table(rows)) process.stdout.write(`${line}\n`);
	log(`load average after ${loadAverages()}`);
	return rows;
}

/** A fresh emulator and rate-limit window, then one run of `bench/<script>`. */
export async function runVariant<V extends string>(
	{ emulator }: BenchEmulator,
	script: string,
	variant: V,
	count: number,
): Promise<{ prefix: string; result: VariantResult }> {
	emulator.reset();
	await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 200));
	const prefix = `BENCH-${variant}-${count}-${Date.now().toString(36)}`;
	const args: VariantArgs<V> = { variant, count, url: emulator.url, token: emulator.token, prefix };
	return { prefix, result: await runChild<VariantResult>(script, args) };
}
