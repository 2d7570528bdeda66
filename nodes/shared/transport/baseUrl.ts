import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

const ENVIRONMENT_URLS: Record<string, string> = {
	production: 'https://api.propexo.com',
	sandbox: 'https://api.sandbox.propexo.com',
};

export function resolveBaseUrl(credentials: ICredentialDataDecryptedObject): string {
	if (credentials.environment === 'custom') {
		return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
	}
	return ENVIRONMENT_URLS[String(credentials.environment)] ?? ENVIRONMENT_URLS.production;
}

export function resolveRateLimitWindowMs(credentials: ICredentialDataDecryptedObject): number {
	const seconds = Number(credentials.rateLimitWindowSeconds);
	if (credentials.environment === 'custom' && Number.isFinite(seconds) && seconds > 0) {
		return seconds * 1000;
	}
	return 60_000;
}
