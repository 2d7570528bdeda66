import type { IDataObject } from 'n8n-workflow';

import { SEED } from '../emulator';
import { failureOf } from '../harness/account';
import { runPaymentNode } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false });

const oakwood = SEED.residentsOf(SEED.primaryIntegrationId);
const maria = oakwood.find((resident) => resident.id === SEED.primaryResidentId)!;
const movedWithin = oakwood.find((resident) => resident.leases_meta_data.length > 1)!;
const sharedEmail = oakwood.find(
	(resident) => oakwood.filter((other) => other.email_1 === resident.email_1).length > 1,
)!.email_1!;

function find(parameters: IDataObject, items: IDataObject[] = [{}]) {
	return runPaymentNode(emulator, {
		items,
		parameters: {
			resource: 'resident',
			operation: 'find',
			integrationId: { __rl: true, mode: 'id', value: SEED.primaryIntegrationId },
			...parameters,
		},
		onError: 'continueErrorOutput',
	});
}

function leaseIds(item: { json: IDataObject }): string[] {
	return (item.json.leases as IDataObject[]).map((lease) => String(lease.id)).sort();
}

describe('Resident → Find', () => {
	it('by ResMan resident ID: the resident with every lease, past ones included', async () => {
		const { success, error } = await find({
			findBy: 'resmanId',
			resmanResidentId: movedWithin.x_id,
		});

		expect(error).toBeUndefined();
		expect(success).toHaveLength(1);
		expect(success[0].json.id).toBe(movedWithin.id);
		expect(leaseIds(success[0])).toEqual(
			movedWithin.leases_meta_data.map((lease) => lease.lease_id).sort(),
		);
		expect(success[0].json.leases).toEqual(
			expect.arrayContaining([expect.objectContaining({ status_normalized: 'INACTIVE' })]),
		);
	});

	it('Current Leases Only leaves past leases out', async () => {
		const { success } = await find({
			findBy: 'resmanId',
			resmanResidentId: movedWithin.x_id,
			currentLeasesOnly: true,
		});

		expect(leaseIds(success[0])).toEqual([movedWithin.leases_meta_data[0].lease_id]);
	});

	it('by email: roommates sharing it are all output, each with their leases', async () => {
		const { success } = await find({ findBy: 'email', email: sharedEmail.toUpperCase() });

		expect(success.map((item) => item.json.email_1)).toEqual([sharedEmail, sharedEmail]);
		for (const item of success) expect(leaseIds(item).length).toBeGreaterThan(0);
	});

	it('by phone typed with punctuation, from an expression per item', async () => {
		const digits = maria.phone_1!;
		const { success } = await find({ findBy: 'phone', phone: '={{ $json.phone }}' }, [
			{ phone: `(${digits.slice(0, 3)}) ${digits.slice(3, 6)}.${digits.slice(6)}` },
		]);

		expect(success.map((item) => item.json.id)).toEqual([maria.id]);
		expect(emulator.requests[0].query).toMatchObject({ phone_1: digits });
	});

	it("by property and unit number: the residents on the unit's leases", async () => {
		const unit = String(maria.leases_meta_data[0].custom_data!.unit_number);
		const { success } = await find({
			findBy: 'unit',
			propertyId: { __rl: true, mode: 'id', value: maria.property_id },
			unitNumber: unit,
		});

		expect(success.map((item) => item.json.id)).toContain(maria.id);
		for (const item of success) {
			expect(item.json.leases).toEqual(
				expect.arrayContaining([expect.objectContaining({ unit_number: unit })]),
			);
		}
	});

	it('no match outputs nothing for the item; a bad phone is an error item', async () => {
		const { success, errors } = await find({ findBy: 'phone', phone: '={{ $json.phone }}' }, [
			{ phone: '2125550000' },
			{ phone: '12-34' },
		]);

		expect(success).toHaveLength(0);
		expect(failureOf(errors[0]).message).toContain('"12-34" is not a phone');
	});
});
