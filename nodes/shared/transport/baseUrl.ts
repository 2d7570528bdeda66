import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ENVIRONMENT_URLS } from '../environments';

export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
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
