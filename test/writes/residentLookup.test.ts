import type { IDataObject } from 'n8n-workflow';

import type { Emulator } from '../emulator';
import { SEED } from '../emulator';
import { failureOf } from '../harness/account';
import {
	BATCH_URL,
	CREATE_BATCH_FROM_JSON,
	chargePosts,
	runChargeNode,
	sampleCharge,
} from '../harness/chargeWorkflow';
import {
	CREATE_FROM_JSON,
	paymentPosts,
	runPaymentNode,
	samplePayment,
} from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false, writeStatusDelayMs: 50 });

const oakwood = SEED.residentsOf(SEED.primaryIntegrationId);
const maria = oakwood.find((resident) => resident.id === SEED.primaryResidentId)!;
const failingId = SEED.failingResidentId(SEED.primaryIntegrationId);
const sharedEmail = oakwood.find(
	(resident) => oakwood.filter((other) => other.email_1 === resident.email_1).length > 1,
)!.email_1!;
const roommates = oakwood.filter((resident) => resident.email_1 === sharedEmail);

/** Create with the Resident in `mode`, its value mapped from `$json.who`. */
function byMode(mode: string, extra: IDataObject = {}): IDataObject {
	return {
		...CREATE_FROM_JSON,
		residentId: { __rl: true, mode, value: '={{ $json.who }}' },
		...extra,
	};
}

function residentReads(emulator: Emulator) {
	return emulator.requests.filter((request) => request.path === '/v1/residents/');
}

describe('Resident By ResMan Resident ID, By Email, By Phone', () => {
	it.each([
		['resmanId', maria.x_id],
		['email', maria.email_1!.toUpperCase()],
		['phone', maria.phone_1!],
	])('%s: one match posts to the Propexo resident and outputs the lookup', async (mode, who) => {
		const payment = samplePayment({ who, resident_id: 'not-used', reference_number: 'RL-1' });
		const { success, error } = await runPaymentNode(emulator, {
			items: [payment],
			parameters: byMode(mode),
		});

		expect(error).toBeUndefined();
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect((paymentPosts(emulator)[0].body as IDataObject).resident_id).toBe(maria.id);
		expect(paymentPosts(emulator)[0].body).not.toHaveProperty('resident_lookup');
		expect(success[0].json.resident_id).toBe(maria.id);
		expect(success[0].json.resident_lookup).toEqual({ mode, value: who, resident_id: maria.id });
	});

	it('a phone typed with punctuation and +1 is sent to Propexo as 10 digits', async () => {
		const digits = maria.phone_1!;
		const typed = `+1 (${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`;
		const { success, error } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: typed, reference_number: 'RL-PHONE' })],
			parameters: byMode('phone'),
		});

		expect(error).toBeUndefined();
		expect(residentReads(emulator)[0].query).toMatchObject({ phone_1: digits });
		expect(success[0].json.resident_lookup).toEqual({
			mode: 'phone',
			value: typed,
			resident_id: maria.id,
		});
	});

	it('a phone that is not 10 digits is refused before any request', async () => {
		const { errors } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: '555-0100 ext 4', reference_number: 'RL-BAD' })],
			parameters: byMode('phone'),
			onError: 'continueErrorOutput',
		});

		expect(emulator.requests).toHaveLength(0);
		expect(failureOf(errors[0])).toMatchObject({
			message: expect.stringContaining('"555-0100 ext 4" is not a phone'),
			outcome: 'invalid_input',
		});
	});

	it('no match fails the item, naming the value and the integration; nothing is sent', async () => {
		const { errors, success } = await runPaymentNode(emulator, {
			items: [
				samplePayment({ who: 'NO-SUCH-RESMAN-ID', reference_number: 'RL-NONE' }),
				samplePayment({ who: maria.x_id, reference_number: 'RL-OK' }),
			],
			parameters: byMode('resmanId'),
			onError: 'continueErrorOutput',
		});

		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(success.map((item) => item.json.reference_number)).toEqual(['RL-OK']);
		const failure = failureOf(errors[0]);
		expect(failure.message).toContain('"NO-SUCH-RESMAN-ID"');
		expect(failure.message).toContain(SEED.primaryIntegrationId);
		expect(failure.outcome).toBe('invalid_input');
	});

	it('several matches (roommates sharing an email) fail the item, listing every candidate', async () => {
		const { errors } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: sharedEmail, reference_number: 'RL-TWO' })],
			parameters: byMode('email'),
			onError: 'continueErrorOutput',
		});

		expect(paymentPosts(emulator)).toHaveLength(0);
		const failure = failureOf(errors[0]);
		expect(failure.message).toContain(`2 residents have email "${sharedEmail}"`);
		for (const roommate of roommates) {
			expect(failure.details).toContain(`${roommate.first_name} ${roommate.last_name}`);
			expect(failure.details).toContain(roommate.leases_meta_data[0].custom_data!.unit_number);
			expect(failure.details).toContain(`Propexo ID ${roommate.id}`);
		}
	});

	it('the Property narrows the lookup: the roommate of that property is found', async () => {
		const [first] = roommates;
		const { success, error } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: sharedEmail, reference_number: 'RL-NARROW' })],
			parameters: byMode('email', {
				propertyId: { __rl: true, mode: 'id', value: first.property_id },
			}),
		});

		expect(error).toBeUndefined();
		expect(success[0].json.resident_id).toBe(first.id);
		expect(residentReads(emulator)[0].query).toMatchObject({ property_id: first.property_id });
	});

	it('On Error: Stop: one unresolvable resident means no payment of the run is sent', async () => {
		const items = [
			samplePayment({ who: maria.x_id, reference_number: 'RL-S1' }),
			samplePayment({ who: 'UNKNOWN-X', reference_number: 'RL-S2' }),
			samplePayment({ who: maria.x_id, reference_number: 'RL-S3' }),
		];
		const { error } = await runPaymentNode(emulator, { items, parameters: byMode('resmanId') });

		expect(error?.message).toContain('"UNKNOWN-X"');
		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(emulator.ledger).toHaveLength(0);
	});

	it("1,000 payments for one property's residents by ResMan ID: at most 10 lookup requests", async () => {
		const propertyId = maria.property_id;
		const residents = oakwood.filter((r) => r.property_id === propertyId && r.id !== failingId);
		const items = Array.from({ length: 1000 }, (_, n) =>
			samplePayment({ who: residents[n % residents.length].x_id, reference_number: `RL-K-${n}` }),
		);
		const { success, error } = await runPaymentNode(emulator, {
			items,
			parameters: byMode('resmanId', {
				propertyId: { __rl: true, mode: 'id', value: propertyId },
				createOptions: { validateOnly: true },
			}),
		});

		expect(error).toBeUndefined();
		expect(success).toHaveLength(1000);
		expect(residentReads(emulator).length).toBeGreaterThan(0);
		expect(residentReads(emulator).length).toBeLessThanOrEqual(10);
		expect(residentReads(emulator)[0].query).toMatchObject({ property_id: propertyId });
		expect(success[999].json.resident_id).toBe(residents[999 % residents.length].id);
	});

	it('without a property: a few ResMan IDs are filtered one by one, many read in pages', async () => {
		const few = oakwood.slice(0, 2);
		const many = oakwood.slice(0, 12);
		const run = async (residents: typeof oakwood) => {
			emulator.reset();
			const { success } = await runPaymentNode(emulator, {
				items: residents.map((r, n) =>
					samplePayment({ who: r.x_id, reference_number: `RL-I-${n}` }),
				),
				parameters: byMode('resmanId', { createOptions: { validateOnly: true } }),
			});
			expect(success.map((item) => item.json.resident_id)).toEqual(residents.map((r) => r.id));
			return residentReads(emulator).map((request) => request.query);
		};

		expect(await run(few)).toEqual(
			few.map((r) =>
				expect.objectContaining({ x_id: r.x_id, integration_id: SEED.primaryIntegrationId }),
			),
		);
		const paged = await run(many);
		expect(paged).toHaveLength(1);
		expect(paged[0]).not.toHaveProperty('x_id');
	});

	it('a ResMan ID filter Propexo refuses (400) falls back to reading the residents', async () => {
		emulator.injectFaults(
			{ method: 'GET', path: '/v1/residents/' },
			{ kind: 'status', status: 400 },
		);
		const { success, error } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: maria.x_id, reference_number: 'RL-FALLBACK' })],
			parameters: byMode('resmanId', { createOptions: { validateOnly: true } }),
		});

		expect(error).toBeUndefined();
		expect(success[0].json.resident_id).toBe(maria.id);
		expect(residentReads(emulator).map((request) => request.query.x_id)).toEqual([
			maria.x_id,
			undefined,
		]);
	});

	it('Validate Only shows the resolved ID with the value it came from, and sends nothing', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [samplePayment({ who: maria.email_1, reference_number: 'RL-V' })],
			parameters: byMode('email', { createOptions: { validateOnly: true } }),
		});

		expect(paymentPosts(emulator)).toHaveLength(0);
		expect(success[0].json).toMatchObject({
			resident_id: maria.id,
			resident_lookup: { mode: 'email', value: maria.email_1, resident_id: maria.id },
		});
	});

	it("Charge Create in Batch looks residents up within each item's property", async () => {
		const items = [maria, ...roommates].map((resident, n) =>
			sampleCharge({
				resident_id: resident.id,
				property_id: resident.property_id,
				who: resident.x_id,
				reference_number: `RL-B-${n}`,
			}),
		);
		const { success, error } = await runChargeNode(emulator, {
			items,
			parameters: {
				...CREATE_BATCH_FROM_JSON,
				residentId: { __rl: true, mode: 'resmanId', value: '={{ $json.who }}' },
			},
		});

		expect(error).toBeUndefined();
		const sent = chargePosts(emulator, BATCH_URL).flatMap(
			(post) => (post.body as { charges: IDataObject[] }).charges,
		);
		expect(sent.map((charge) => charge.resident_id).sort()).toEqual(
			[maria, ...roommates].map((r) => r.id).sort(),
		);
		expect(success.every((item) => item.json.resident_lookup !== undefined)).toBe(true);
	});

	it('the saved By ID mode looks nothing up', async () => {
		const { success } = await runPaymentNode(emulator, {
			items: [samplePayment({ reference_number: 'RL-ID' })],
		});

		expect(residentReads(emulator)).toHaveLength(0);
		expect(success[0].json).not.toHaveProperty('resident_lookup');
	});
});
