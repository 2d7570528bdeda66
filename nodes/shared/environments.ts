/** Propexo's two environments; an API key belongs to one of them. */
export const ENVIRONMENT_URLS = {
	production: 'https://api.propexo.com',
	sandbox: 'https://api.sandbox.propexo.com',
} as const;
