import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { failItem, pairedItems } from '../../../shared/helpers/itemResults';
import { PAYMENT_TYPES } from '../../../shared/helpers/paymentTypes';
import { runStoppedBy } from '../../../shared/helpers/runGuard';
import { validatePayment } from '../../../shared/helpers/validatePayment';
import { waitForWriteStatus } from '../../../shared/helpers/writeStatus';
import { integrationLocator, propertyLocator, residentLocator } from '../../../shared/locators';
import { propexoRequest } from '../../../shared/transport';
import { userRequestOptions } from '../../../shared/transport/userRequestOptions';

const showForCreate = { show: { operation: ['create'] } };

const body = (property: string) => ({ send: { type: 'body' as const, property } });

export const description: INodeProperties[] = [
	{
		displayName:
			'Leave "Retry On Fail" off for this operation: it would post again the payments that already went through. Failed items can go to the error output instead (Settings → On Error).',
		name: 'retryNotice',
		type: 'notice',
		default: '',
		displayOptions: showForCreate,
	},
	{
		displayName:
			'ResMan posts a partner payment only after the property manager approves it in ResMan\'s "Partner Transactions" tab. Its ResMan record (and ID) appears in Get Many after Propexo\'s next sync.',
		name: 'approvalNotice',
		type: 'notice',
		default: '',
		displayOptions: showForCreate,
	},
	{ ...integrationLocator, displayOptions: showForCreate, routing: body('integration_id') },
	{
		...propertyLocator,
		displayOptions: { show: { operation: ['create'] }, hide: propertyLocator.displayOptions?.hide },
	},
	{
		...residentLocator,
		displayOptions: { show: { operation: ['create'] }, hide: residentLocator.displayOptions?.hide },
		routing: body('resident_id'),
	},
	{
		displayName: 'Payment Type',
		name: 'paymentType',
		type: 'options',
		default: 'ACH',
		required: true,
		description: 'How the resident paid',
		options: PAYMENT_TYPES.map((type) => ({ name: type, value: type })),
		displayOptions: showForCreate,
		routing: body('payment_type'),
	},
	{
		displayName: 'Amount in Cents',
		name: 'amountInCents',
		type: 'number',
		default: 0,
		required: true,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		hint: 'A whole number of cents: 12500 = $125.00',
		description: 'The amount paid, in cents (integer). 12500 is $125.00.',
		displayOptions: showForCreate,
		routing: body('amount_in_cents'),
	},
	{
		displayName: 'Transaction Date',
		name: 'transactionDate',
		type: 'dateTime',
		default: '',
		required: true,
		description:
			"When the payment was made. Sent as ISO 8601 in UTC; a date without a time zone is read in the workflow's time zone.",
		displayOptions: showForCreate,
		routing: body('transaction_date'),
	},
	{
		displayName: 'Reference Number',
		name: 'referenceNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. PMT-2026-000123',
		description:
			"Your reference for this payment, e.g. the payment portal's transaction ID. ResMan rejects a second payment with the same reference number in the same batch.",
		displayOptions: showForCreate,
		routing: body('reference_number'),
	},
	{
		displayName: 'Batch ID',
		name: 'batchId',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. portal-2026-11-25',
		description: 'The transaction batch in your system; ResMan groups payments by it',
		displayOptions: showForCreate,
		routing: body('batch_id'),
	},
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. November rent',
		description: "Shown on the resident's ledger in ResMan",
		displayOptions: showForCreate,
		routing: body('description'),
	},
	{
		displayName: 'Notes',
		name: 'notes',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. Paid through the resident portal',
		description: 'Internal notes for the property manager; ResMan requires a value',
		displayOptions: showForCreate,
		routing: body('notes'),
	},
	{
		displayName: 'Options',
		name: 'createOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: showForCreate,
		options: [
			{
				displayName: 'Wait for Confirmation',
				name: 'waitForConfirmation',
				type: 'boolean',
				default: false,
				description:
					"Whether to poll Propexo's write status until ResMan accepted or rejected the payment. A rejection becomes an item error; the status is added to the output.",
			},
			{
				displayName: 'Confirmation Timeout (Seconds)',
				name: 'confirmationTimeout',
				type: 'number',
				default: 60,
				typeOptions: { minValue: 1 },
				description:
					'How long to wait for confirmation. A payment still PENDING then is output with write_status PENDING, never posted again.',
				displayOptions: { show: { waitForConfirmation: [true] } },
			},
		],
	},
];

/**
 * Sends one item's payment. Declarative routing built the body; this hook owns the exchange so
 * that a payment is validated before it leaves, paced under the rate limit, resent only after a
 * 429, and never resent when its outcome is unknown.
 */
export async function createPayment(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const itemIndex = this.getItemIndex();
	let payment: IDataObject;
	try {
		// Runs before the first await, so every item is checked before any item is sent.
		payment = validatePayment.call(this, requestData.options.body as IDataObject);
	} catch (error) {
		return failItem(this, error);
	}
	const errorContext = {
		itemIndex,
		subject: `the payment (reference ${String(payment.reference_number)})`,
		unknownOutcomeAdvice: unknownOutcomeAdvice(payment),
	};

	let output: IDataObject;
	try {
		const response = await propexoRequest.call(this, {
			method: 'POST',
			url: String(requestData.options.url),
			body: payment,
			base: userRequestOptions(requestData.options),
			stopIf: () => notSentBecauseRunStopped(this),
			errorContext,
		});
		const envelope = (response.body ?? {}) as IDataObject;
		const jobId = (envelope.meta as IDataObject | undefined)?.job_id ?? envelope.job_id;
		const echoed = (envelope.result ?? envelope.data ?? {}) as IDataObject;
		output = { job_id: jobId ?? null, ...payment, ...echoed };
	} catch (error) {
		return failItem(this, error);
	}

	const options = this.getNodeParameter('createOptions', {}) as IDataObject;
	if (options.waitForConfirmation && output.job_id) {
		try {
			await confirmPayment.call(this, output, Number(options.confirmationTimeout ?? 60));
		} catch (rejection) {
			return failItem(this, rejection);
		}
	}
	return pairedItems(this, [output]);
}

/**
 * Adds write_status and write_errors to `output`. FAILURE becomes an error carrying Propexo's
 * text. When the status cannot be read, the payment was still accepted: it stays a success with
 * write_status UNKNOWN, so that nobody posts it again.
 */
async function confirmPayment(
	this: IExecutePaginationFunctions,
	output: IDataObject,
	timeoutSeconds: number,
): Promise<void> {
	const jobId = String(output.job_id);
	const itemIndex = this.getItemIndex();
	let status;
	try {
		status = await waitForWriteStatus.call(this, jobId, timeoutSeconds * 1000, itemIndex);
	} catch (error) {
		output.write_status = 'UNKNOWN';
		output.write_errors = [`The write status could not be read: ${(error as Error).message}`];
		return;
	}
	output.write_status = status.write_status;
	output.write_errors = status.errors;
	if (status.write_status === 'FAILURE') {
		throw new NodeApiError(this.getNode(), { errors: status.errors } as JsonObject, {
			itemIndex,
			message: `ResMan did not record the payment: ${status.errors.join('; ') || 'no reason given'}`,
			description: `Propexo's write job ${jobId} ended in FAILURE for reference ${String(output.reference_number)}. If the reason is a duplicate, a payment with this reference number and batch is already in ResMan: do not post it again. Otherwise fix the cause and post it again.`,
		});
	}
}

function unknownOutcomeAdvice(payment: IDataObject): string {
	return `Do not run this item again before checking: the payment may already be in ResMan. Look for reference number ${String(payment.reference_number)} in batch ${String(payment.batch_id)} (ResMan → Partner Transactions), or, if you have its job ID, use the Get Write Status operation.`;
}

function notSentBecauseRunStopped(context: IExecutePaginationFunctions) {
	const stopped = runStoppedBy(context);
	if (!stopped) return undefined;
	// Report the failure that stopped the run (n8n shows the first failed item's error).
	return new NodeOperationError(context.getNode(), stopped.error.message, {
		itemIndex: stopped.itemIndex,
		description:
			`${stopped.error.description ?? ''} The node stopped at this item: items whose payment had not been sent yet were not sent. To post the good items and collect the failed ones, set Settings → On Error to "Continue (using error output)".`.trim(),
	});
}
