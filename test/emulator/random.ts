import { createHash } from 'node:crypto';

/** Stable UUID (v5-style layout) derived from a readable key, e.g. `stableUuid('resident:oakwood:7')`. */
export function stableUuid(key: string): string {
	const hex = createHash('sha1').update(`propexo-emulator:${key}`).digest('hex');
	const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		`5${hex.slice(13, 16)}`,
		`${variant}${hex.slice(17, 20)}`,
		hex.slice(20, 32),
	].join('-');
}

/** Small deterministic PRNG (mulberry32) so the seed data is identical on every run. */
export class Prng {
	private state: number;

	constructor(seedKey: string) {
		this.state = parseInt(createHash('sha1').update(seedKey).digest('hex').slice(0, 8), 16);
	}

	next(): number {
		this.state = (this.state + 0x6d2b79f5) | 0;
		let t = this.state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}

	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.next() * items.length)];
	}

	chance(probability: number): boolean {
		return this.next() < probability;
	}

	digits(count: number): string {
		let out = '';
		for (let i = 0; i < count; i++) out += String(this.int(0, 9));
		return out;
	}
}
