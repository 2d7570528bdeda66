import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toIsoUtc } from './dates';
import type { PaymentType } from './paymentTypes';
import { PAYMENT_TYPES } from './paymentTypes';

const TEXT_FIELDS: Array<[field: string, label: string]> = [
	['integration_id', 'Integration'],
	['resident_id', 'Resident'],
	['batch_id', 'Batch ID'],
	['description', 'Description'],
	['notes', 'Notes'],
	['reference_number', 'Reference Number'],
];

/**
 * Checks one item's payment before anything is sent and returns the body to post, with the
 * amount as an integer and the date in ISO 8601 UTC.
 */
export function validatePayment(this: IExecuteSingleFunctions, body: IDataObject): IDataObject {
	const itemIndex = this.getItemIndex();
	const fail = (field: string, message: string, description: string) =>
		new NodeOperationError(this.getNode(), `${field}: ${message} [item ${itemIndex}]`, {
			itemIndex,
			description: `${description} Nothing was sent for this item.`,
		});

	const payment: IDataObject = {};
	for (const [field, label] of TEXT_FIELDS) {
		const value = body[field];
		if (typeof value === 'number' && Number.isFinite(value)) {
			payment[field] = String(value);
			continue;
		}
		if (typeof value !== 'string' || value.trim() === '') {
			throw fail(
				label,
				'is empty',
				`ResMan requires every field of a payment. Fill in "${label}" or map it from an earlier node with an expression that has a value for this item.`,
			);
		}
		payment[field] = value.trim();
	}

	const paymentType = body.payment_type;
	if (!PAYMENT_TYPES.includes(paymentType as PaymentType)) {
		throw fail(
			'Payment Type',
			`"${String(paymentType ?? '')}" is not a ResMan payment type`,
			`Use one of: ${PAYMENT_TYPES.join(', ')} (spelled exactly so).`,
		);
	}
	payment.payment_type = paymentType;

	const transactionDate = toIsoUtc(body.transaction_date, this.getTimezone());
	if (!transactionDate) {
		throw fail(
			'Transaction Date',
			`"${String(body.transaction_date ?? '')}" is not a date`,
			'Pick a date, or map an ISO 8601 date such as 2026-11-25 or 2026-11-25T14:30:00Z.',
		);
	}
	payment.transaction_date = transactionDate;

	const amount = toWholeCents(body.amount_in_cents);
	if (amount === undefined) {
		throw fail(
			'Amount in Cents',
			`"${String(body.amount_in_cents ?? '')}" is not a positive whole number of cents`,
			'Enter the amount in cents as a whole number: 12500 is $125.00. To convert dollars use an expression such as {{ Math.round($json.amount * 100) }}.',
		);
	}
	payment.amount_in_cents = amount;

	return {
		integration_id: payment.integration_id,
		resident_id: payment.resident_id,
		payment_type: payment.payment_type,
		batch_id: payment.batch_id,
		transaction_date: payment.transaction_date,
		description: payment.description,
		notes: payment.notes,
		amount_in_cents: payment.amount_in_cents,
		reference_number: payment.reference_number,
	};
}

/** Accepts 12500 or "12500"; rejects fractions, zero, negatives, exponents and anything else. */
function toWholeCents(value: unknown): number | undefined {
	let cents: number;
	if (typeof value === 'number') {
		cents = value;
	} else if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) {
		cents = Number(value);
	} else {
		return undefined;
	}
	return Number.isSafeInteger(cents) && cents > 0 ? cents : undefined;
}
