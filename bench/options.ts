/** The payment bench's command-line options. */
import path from 'node:path';

import {
	EXTRA_VARIANTS,
	MODES,
	PAYMENT_VARIANTS,
	READ_RECORDS,
	type Mode,
	type Variant,
} from './protocol';

const ROOT = path.resolve(__dirname, '..');

export interface Options {
	sizes: number[];
	runs: number;
	variants: Variant[];
	modes: Mode[];
	validateSize: number;
	pairSize: number;
	out: string;
}

export function parseOptions(words: string[]): Options {
	const options: Options = {
		sizes: [100, 1000, 5000],
		runs: 3,
		variants: [...PAYMENT_VARIANTS, ...EXTRA_VARIANTS],
		modes: [...MODES],
		validateSize: 5000,
		pairSize: 1000,
		out: path.join(
			ROOT,
			'test-output',
			`bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`,
		),
	};
	const positiveInts = (text: string, flag: string) => {
		const values = text.split(',').map(Number);
		if (!values.length || values.some((value) => !Number.isInteger(value) || value < 1)) {
			throw new Error(`${flag}: expected positive integers, got "${text}"`);
		}
		return values;
	};
	const positional: number[] = [];
	for (let i = 0; i < words.length; i++) {
		const word = words[i];
		const value = () => {
			const next = words[++i];
			if (next === undefined) throw new Error(`${word} needs a value`);
			return next;
		};
		switch (word) {
			case '--sizes':
				options.sizes = positiveInts(value(), word);
				break;
			case '--runs':
				options.runs = positiveInts(value(), word)[0];
				break;
			case '--variants': {
				const known = new Set<string>([...PAYMENT_VARIANTS, ...EXTRA_VARIANTS]);
				const names = value().split(',');
				const unknown = names.filter((name) => !known.has(name));
				if (unknown.length) {
					throw new Error(
						`--variants: unknown ${unknown.join(', ')}; known: ${[...known].join(', ')}`,
					);
				}
				options.variants = names as Variant[];
				break;
			}
			case '--engine-only':
				options.modes = ['engine'];
				break;
			case '--n8n-only':
				options.modes = ['n8n'];
				break;
			case '--validate-size':
				options.validateSize = positiveInts(value(), word)[0];
				break;
			case '--pair-size':
				options.pairSize = positiveInts(value(), word)[0];
				break;
			case '--out':
				options.out = path.resolve(value());
				break;
			default:
				if (/^\d+$/.test(word)) positional.push(Number(word));
				else
					throw new Error(`unknown argument ${word} (see the comment at the top of bench/run.ts)`);
		}
	}
	if (positional.length) options.sizes = positional;
	return options;
}

/** The payments per execution and executions of a variant at a size. */
export function shape(variant: Variant, size: number, options: Options) {
	if (variant === 'validate-only') return { count: options.validateSize, executions: 1 };
	if (variant === 'get-many') return { count: READ_RECORDS, executions: 1 };
	if (variant === 'shared-credential' || variant === 'two-processes') {
		return { count: options.pairSize, executions: 2 };
	}
	return { count: size, executions: 1 };
}
