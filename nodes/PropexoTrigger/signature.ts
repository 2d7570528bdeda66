import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'propexo-signature';

/**
 * Whether `supplied` is the HMAC-SHA256 hex digest, keyed with the webhook's secret, of the body.
 * Propexo's docs do not say whether it signs the raw bytes or re-serialised JSON: both are
 * accepted (docs/trigger.md). Each comparison runs in constant time once the lengths match.
 */
export function signatureMatches(
	secret: string,
	supplied: unknown,
	rawBody: Buffer | undefined,
	parsedBody: unknown,
): boolean {
	if (typeof supplied !== 'string' || supplied === '' || secret === '') return false;
	const signed: Array<Buffer | string> = [];
	if (rawBody && rawBody.length > 0) signed.push(rawBody);
	if (parsedBody !== undefined) signed.push(JSON.stringify(parsedBody));
	const given = Buffer.from(supplied.trim().toLowerCase(), 'utf8');
	return signed.some((data) => {
		const expected = Buffer.from(createHmac('sha256', secret).update(data).digest('hex'), 'utf8');
		return expected.length === given.length && timingSafeEqual(expected, given);
	});
}

/** The header Propexo sends, for the emulator and tests. */
export function sign(secret: string, body: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}
