/**
 * Validate Only, Wait for Confirmation and Skip Already Posted given by an expression: true, false
 * and the text "true" / "false" are understood; anything else is refused before sending.
 */
import type { IDataObject } from 'n8n-workflow';

import { pairedIndexes } from '../harness/account';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
} from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 20 });

const withOptions = (createOptions: IDataObject, more: IDataObject = {}) => ({
	...CREATE_FROM_JSON,
	createOptions,
	...more,
});

describe('Validate Only', () => {
	it.each(['={{ "true" }}', '={{ " TRUE " }}', true, '={{ true }}'])(
		'%p: checks, outputs the body, sends nothing',
		async (validateOnly) => {
			const { success, error } = await runPaymentNode(emulator, {
				items: [samplePayment({ reference_number: 'VALIDATE-TRUE' })],
				parameters: withOptions({ validateOnly }),
			});

			expect(error).toBeUndefined();
			expect(success[0].json.reference_number).toBe('VALIDATE-TRUE');
			expect(success[0].json.job_id).toBeUndefined();
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it.each(['={{ "false" }}', '={{ "False" }}', false])('%p: posts', async (validateOnly) => {
		const { success } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			parameters: withOptions({ validateOnly }),
		});

		expect(typeof success[0].json.job_id).toBe('string');
		expect(paymentPosts(emulator)).toHaveLength(1);
	});
});

describe('a value that is not true or false is refused before sending', () => {
	const refused: Array<[string, IDataObject, RegExp]> = [
		['Validate Only "yes"', withOptions({ validateOnly: '={{ "yes" }}' }), /Validate Only/],
		['Validate Only 1', withOptions({ validateOnly: '={{ 1 }}' }), /Validate Only/],
		['Validate Only ""', withOptions({ validateOnly: '={{ "" }}' }), /Validate Only/],
		['Validate Only null', withOptions({ validateOnly: '={{ null }}' }), /Validate Only/],
		[
			'Wait for Confirmation "on"',
			withOptions({ waitForConfirmation: '={{ "on" }}' }),
			/Wait for Confirmation/,
		],
		['Skip Already Posted "no"', withOptions({}, { skipAlreadyPosted: '={{ "no" }}' }), /Skip/],
		['Skip Already Posted 0', withOptions({}, { skipAlreadyPosted: '={{ 0 }}' }), /Skip/],
	];

	it.each(refused)('%s', async (_, parameters, option) => {
		const { error } = await runPaymentNode(emulator, {
			items: [samplePayment(), samplePayment()],
			parameters,
		});

		expect(error?.name).toBe('NodeOperationError');
		expect(error?.message).toMatch(option);
		expect(error?.message).toMatch(/is not true or false$/);
		expect(error?.description).toMatch(/true or false/);
		expect(error?.description).toMatch(/Nothing was sent/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('with "Continue (using error output)": every item fails, nothing is sent', async () => {
		const { success, errors } = await runPaymentNode(emulator, {
			items: [samplePayment(), samplePayment()],
			parameters: withOptions({ validateOnly: '={{ "yes" }}' }),
			onError: 'continueErrorOutput',
		});

		expect(success).toEqual([]);
		expect(pairedIndexes(errors)).toEqual([0, 1]);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Wait for Confirmation and Skip Already Posted as text', () => {
	it('"true" waits for the write status', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [samplePayment()],
			parameters: withOptions({ waitForConfirmation: '={{ "true" }}', confirmationTimeout: 5 }),
		});

		expect(success[0].json.write_status).toBe('SUCCESS');
	});

	it('Skip Already Posted "false" posts a repeat, "true" skips it', async () => {
		const workflowId = 'skip-as-text';
		const staticData: IDataObject = {};
		const items = [samplePayment({ reference_number: 'SKIP-TEXT' })];
		await runPaymentNode(emulator, { items, workflowId, staticData });

		const skipped = await runPaymentNode(emulator, {
			items,
			workflowId,
			staticData,
			parameters: withOptions({}, { skipAlreadyPosted: '={{ "TRUE" }}' }),
		});
		expect(skipped.success[0].json.skipped).toBe(true);
		expect(paymentPosts(emulator)).toHaveLength(1);

		const repeated = await runPaymentNode(emulator, {
			items,
			workflowId,
			staticData,
			parameters: withOptions({}, { skipAlreadyPosted: '={{ "false" }}' }),
		});
		expect(repeated.success[0].json.skipped).toBeUndefined();
		expect(paymentPosts(emulator)).toHaveLength(2);
	});
});
