/**
 * Exact-path router. Trailing slashes matter (`/v1/residents/` and `/v1/residents/{id}` are
 * different routes, `/v1/residents` is a 404), like the real API's router.
 */
import { ApiError, type ApiResponse } from './errors';
import type { Store } from './store';

export interface RequestContext {
	method: string;
	path: string;
	params: Record<string, string>;
	query: Record<string, string>;
	/** Parsed JSON body, or undefined when empty or not valid JSON. */
	body: unknown;
	/** Set when a body was sent that is not valid JSON. */
	bodyError?: string;
	contentType: string;
	store: Store;
	now: number;
}

export type Handler = (ctx: RequestContext) => ApiResponse;

export interface Route {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	/** e.g. '/v1/residents/{resident_id}'; `{name}` matches one path segment. */
	pattern: string;
	handler: Handler;
}

/** Words that are static path segments somewhere; an `{id}` segment never matches them. */
const RESERVED_SEGMENTS = new Set(['resman', 'batch']);

interface CompiledRoute extends Route {
	segments: string[];
}

export class Router {
	private routes: CompiledRoute[];

	constructor(routes: Route[]) {
		this.routes = routes.map((r) => ({ ...r, segments: r.pattern.split('/') }));
	}

	/** Returns the handler and path params, or throws a 404/405 ApiError. */
	resolve(method: string, path: string): { handler: Handler; params: Record<string, string> } {
		const segments = path.split('/');
		const allowed: string[] = [];
		for (const route of this.routes) {
			const params = matchSegments(route.segments, segments);
			if (!params) continue;
			if (route.method === method) return { handler: route.handler, params };
			allowed.push(route.method);
		}
		if (allowed.length > 0) {
			const error = new ApiError(
				405,
				'METHOD_NOT_ALLOWED',
				`Method ${method} is not allowed on ${path}`,
			);
			throw Object.assign(error, { allow: allowed.join(', ') });
		}
		throw new ApiError(404, 'NOT_FOUND', `Route ${method} ${path} not found`);
	}
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
	if (pattern.length !== actual.length) return undefined;
	const params: Record<string, string> = {};
	for (let i = 0; i < pattern.length; i++) {
		const p = pattern[i];
		if (p.startsWith('{') && p.endsWith('}')) {
			if (actual[i] === '' || RESERVED_SEGMENTS.has(actual[i])) return undefined;
			try {
				params[p.slice(1, -1)] = decodeURIComponent(actual[i]);
			} catch {
				return undefined;
			}
		} else if (p !== actual[i]) {
			return undefined;
		}
	}
	return params;
}
