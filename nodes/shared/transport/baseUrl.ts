import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ENVIRONMENT_URLS } from '../environments';

// Plain http carries the access token in clear: only to this machine, for the local emulator.
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A custom Base URL the access token must not be sent to. */
export class UnsafeBaseUrl extends Error {
	constructor(
		message: string,
		/** How to fix it, in the user's words. */
		readonly fix: string,
	) {
		super(message);
		this.name = 'UnsafeBaseUrl';
	}
}

const FIX =
	'Open the Propexo credential and enter a Base URL that starts with https:// (e.g. https://api.propexo.com or your proxy), or choose the Production or Sandbox environment. Plain http is allowed only for the local emulator: http://127.0.0.1:PORT or http://localhost:PORT.';

/**
 * Why the access token may not go to `baseUrl`, or undefined when it may: https anywhere, plain
 * http only to this machine.
 */
export function baseUrlProblem(baseUrl: string): UnsafeBaseUrl | undefined {
	let url: URL;
	try {
		url = new URL(baseUrl);
	} catch {
		return new UnsafeBaseUrl(
			`The credential's Base URL "${baseUrl}" is not allowed: not a URL`,
			FIX,
		);
	}
	if (url.protocol === 'https:') return undefined;
	if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
	return new UnsafeBaseUrl(
		`The credential's Base URL "${url.protocol}//${url.host}" is not allowed: the access token is sent over https only`,
		FIX,
	);
}

/** The API root the credential points at; see baseUrlProblem before sending anything to it. */
export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '')
			.trim()
			.replace(/\/+$/, '');
	}
	return credentials.environment === 'sandbox'
		? ENVIRONMENT_URLS.sandbox
		: ENVIRONMENT_URLS.production;
}

export function resolveRateLimitWindowMs(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.rateLimitWindowSeconds);
	if (credentials.environment === 'custom' && Number.isFinite(seconds) && seconds > 0) {
		return seconds * 1000;
	}
	return 60_000;
}
