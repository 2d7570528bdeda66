import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { ENVIRONMENT_URLS } from '../nodes/shared/environments';
import { baseUrlProblem, resolveBaseUrl, UnsafeBaseUrl } from '../nodes/shared/transport/baseUrl';

export class PropexoApi implements ICredentialType {
	name = 'propexoApi';

	displayName = 'Propexo API';

	icon: Icon = {
		light: 'file:../nodes/PropexoResmanPayment/propexo.svg',
		dark: 'file:../nodes/PropexoResmanPayment/propexo.dark.svg',
	};

	documentationUrl = 'https://docs.propexo.com/how-it-works/propexo-api-concepts/authentication';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The API key from the Propexo dashboard (Settings → API Keys). A key works only in the environment it was created for.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{
					name: 'Production',
					value: 'production',
					description: ENVIRONMENT_URLS.production,
				},
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: ENVIRONMENT_URLS.sandbox,
				},
				{
					name: 'Custom',
					value: 'custom',
					description: 'Your own base URL, e.g. a proxy or the local Propexo emulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:4010',
			required: true,
			displayOptions: { show: { environment: ['custom'] } },
			description:
				'The address that answers Propexo API calls, without /v1. It must start with https://, except for the local emulator (http://127.0.0.1:PORT or http://localhost:PORT).',
		},
		{
			displayName: 'Rate Limit Window (Seconds)',
			name: 'rateLimitWindowSeconds',
			type: 'number',
			default: 60,
			typeOptions: { minValue: 1 },
			displayOptions: { show: { environment: ['custom'] } },
			description:
				'How long one rate-limit window lasts. Propexo counts requests per minute (60); change it only for an emulator or proxy with a different window.',
		},
	];

	// A function rather than n8n's generic template: n8n evaluates the template's expression again
	// for every request, which took over half of the time a burst of payments spent leaving n8n.
	// Every request made with this credential passes here, the credential test included.
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		// Refuses a custom Base URL the token must not travel to (plain http to another machine).
		const problem = baseUrlProblem(resolveBaseUrl(credentials));
		// The credential test shows only the message, so it says how to fix it too.
		if (problem) throw new UnsafeBaseUrl(`${problem.message}. ${problem.fix}`, problem.fix);
		// A token pasted with a line break would make the header invalid.
		const token = String(credentials.accessToken ?? '').trim();
		return {
			...requestOptions,
			headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` },
			// A redirect would carry the token to wherever it points: never follow one.
			disableFollowRedirect: true,
			maxRedirects: 0,
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : $credentials.environment === "sandbox" ? "${ENVIRONMENT_URLS.sandbox}" : "${ENVIRONMENT_URLS.production}" }}`,
			url: '/v1/admin/integrations/',
			qs: { limit: 1 },
		},
	};
}
