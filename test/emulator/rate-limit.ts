/**
 * Per-token fixed-window rate limiter, as described in docs/propexo-api.md (Rate limits).
 *
 * - A window starts with the first counted request after the previous window expired and lasts
 *   `windowMs` (150 per 60 s by default).
 * - Every counted response carries `x-ratelimit-limit` and `x-ratelimit-remaining`.
 *   `x-ratelimit-reset` and `Retry-After` are deliberately NOT sent (undocumented upstream).
 * - Once the requests used in the window exceed `slowdownRatio * limit` (80 %), each response is
 *   delayed by `slowdownMs` (2 s).
 * - At 100 % further requests get 429 RATE_LIMIT_EXCEEDED until the window resets. A 429 does
 *   NOT consume more of the window (it is not counted), so hammering does not extend the block.
 * - Only authorized API requests are counted (401s and /__emulator control routes are not).
 */
import type { RateLimitOptions } from './types';

export const DEFAULT_RATE_LIMIT: Required<RateLimitOptions> = {
	limit: 150,
	windowMs: 60_000,
	slowdownRatio: 0.8,
	slowdownMs: 2_000,
};

export interface RateDecision {
	limited: boolean;
	delayMs: number;
	headers: Record<string, string>;
}

export class RateLimiter {
	private config: Required<RateLimitOptions> | false = DEFAULT_RATE_LIMIT;
	private windows = new Map<string, { startedAt: number; used: number }>();

	constructor(options: RateLimitOptions | false | undefined) {
		this.configure(options);
	}

	/** `undefined` restores the default; `false` disables limiting (and the headers). */
	configure(options: RateLimitOptions | false | undefined): void {
		if (options !== undefined && options !== false) {
			if (!(options.limit > 0) || !(options.windowMs > 0)) {
				throw new Error('rateLimit.limit and rateLimit.windowMs must be positive numbers');
			}
		}
		this.config = options === false ? false : { ...DEFAULT_RATE_LIMIT, ...(options ?? {}) };
		this.windows.clear();
	}

	reset(): void {
		this.windows.clear();
	}

	hit(key: string, now: number): RateDecision {
		const config = this.config;
		if (!config) return { limited: false, delayMs: 0, headers: {} };
		let window = this.windows.get(key);
		if (!window || now - window.startedAt >= config.windowMs) {
			window = { startedAt: now, used: 0 };
			this.windows.set(key, window);
		}
		const limited = window.used >= config.limit;
		if (!limited) window.used++;
		const headers = {
			'x-ratelimit-limit': String(config.limit),
			'x-ratelimit-remaining': String(Math.max(0, config.limit - window.used)),
		};
		const slow = !limited && window.used > config.slowdownRatio * config.limit;
		return { limited, delayMs: slow ? config.slowdownMs : 0, headers };
	}
}
