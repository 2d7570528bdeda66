import type { DeclarativeRestApiSettings, IHttpRequestOptions } from 'n8n-workflow';

/** The request settings the user controls in n8n (timeout, proxy, certificates). */
export function userRequestOptions(
	options: DeclarativeRestApiSettings.HttpRequestOptions,
): Partial<IHttpRequestOptions> {
	const { timeout, proxy, skipSslCertificateValidation, allowedDomains } = options;
	return {
		timeout,
		proxy,
		skipSslCertificateValidation: skipSslCertificateValidation === true,
		allowedDomains,
	};
}
