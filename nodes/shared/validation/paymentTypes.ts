// The write vocabulary of POST /v1/resident-payments/resman/ (docs/propexo-api.md). The read side
// (payment_method_normalized) uses different values, so never reuse these to filter reads.
export const PAYMENT_TYPES = [
	'ACH',
	'Cash',
	'Cashiers Check',
	'Check',
	'Credit Card',
	'Debit Card',
	'eCheck',
	'Money Order',
] as const;

export type PaymentType = (typeof PAYMENT_TYPES)[number];
