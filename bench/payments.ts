/**
 * The payment bench: every variant at every size, run after run, in each mode, against one
 * emulator; each row logged as it is measured, all of them written to `options.out`, then the
 * report printed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { startBenchEmulator } from './emulator';
import { loadAverages, log } from './format';
import { load, measure, type Row } from './measure';
import { prepareN8n, type N8nBench } from './n8n';
import { shape, type Options } from './options';
import {
	EXTRA_VARIANTS,
	PAYMENT_VARIANTS,
	supports,
	type Mode,
	type PaymentVariant,
	type Variant,
} from './protocol';
import { cells, printReport } from './report';

export async function runPaymentBench(options: Options): Promise<void> {
	const payments = options.variants.filter((v): v is PaymentVariant =>
		(PAYMENT_VARIANTS as Variant[]).includes(v),
	);
	const extras = options.variants.filter((v) => (EXTRA_VARIANTS as Variant[]).includes(v));
	const startedLoad = load();
	log(
		`sizes ${options.sizes.join(', ')}; ${options.runs} run(s); modes ${options.modes.join(', ')}; ` +
			`variants ${options.variants.join(', ')}; load average ${loadAverages()}`,
	);
	// A fixed port, so that the real n8n's imported credential and workflows can be reused.
	const emulated = await startBenchEmulator(Number(process.env.BENCH_EMULATOR_PORT ?? 4710));
	const { emulator } = emulated;
	const rows: Row[] = [];
	try {
		let bench: N8nBench | undefined;
		if (options.modes.includes('n8n')) {
			const workflows = [
				...payments.flatMap((variant) => options.sizes.map((count) => ({ variant, count }))),
				...extras
					.filter((variant) => supports(variant, 'n8n'))
					.map((variant) => ({ variant, count: shape(variant, 0, options).count })),
			];
			bench = await prepareN8n({
				baseUrl: emulator.url,
				token: emulator.token,
				workflows,
				port: Number(process.env.BENCH_N8N_PORT ?? 5710),
				log,
			});
		}
		const record = async (run: number, mode: Mode, variant: Variant, size: number) => {
			const row = await measure(emulated, bench, run, mode, variant, size, options);
			rows.push(row);
			log(`| ${cells(row).join(' | ')} |`);
		};
		for (let run = 1; run <= options.runs; run++) {
			log(`run ${run} of ${options.runs}`);
			for (const size of options.sizes) {
				for (const variant of payments) {
					for (const mode of options.modes) await record(run, mode, variant, size);
				}
			}
			for (const variant of extras) {
				for (const mode of options.modes) {
					if (supports(variant, mode)) await record(run, mode, variant, 0);
				}
			}
		}
	} finally {
		await emulator.close();
		if (rows.length) {
			mkdirSync(path.dirname(options.out), { recursive: true });
			writeFileSync(options.out, JSON.stringify({ options, rows }, null, 2));
		}
	}
	printReport(rows, options, startedLoad);
}
