import { SEED } from './index';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({ rateLimit: false });

async function get(path: string) {
	const res = await fetch(`${emulator.url}${path}`, {
		headers: { Authorization: `Bearer ${emulator.token}` },
	});
	return { status: res.status, body: (await res.json()) as { results: Record<string, unknown>[] } };
}

const integration = SEED.primaryIntegrationId;
const oakwood = SEED.residentsOf(integration);
const ids = (rows: Record<string, unknown>[]) => rows.map((row) => row.id);

describe('emulator: residents and leases for the resident lookup', () => {
	it('filters residents by x_id, email_1 (any case) and phone_1', async () => {
		const [resident] = oakwood;
		const byX = await get(`/v1/residents/?integration_id=${integration}&x_id=${resident.x_id}`);
		expect(ids(byX.body.results)).toEqual([resident.id]);
		const email = encodeURIComponent(resident.email_1!.toUpperCase());
		const byEmail = await get(`/v1/residents/?integration_id=${integration}&email_1=${email}`);
		expect(ids(byEmail.body.results)).toEqual([resident.id]);
		const byPhone = await get(`/v1/residents/?phone_1=${resident.phone_1}`);
		expect(ids(byPhone.body.results)).toEqual([resident.id]);
		expect((await get('/v1/residents/?phone_1=555-201-0042')).status).toBe(400);
	});

	it('has two roommates sharing one email', async () => {
		const shared = oakwood.filter((r) => oakwood.some((o) => o !== r && o.email_1 === r.email_1));
		expect(shared).toHaveLength(2);
		const email = encodeURIComponent(shared[0].email_1!);
		const found = await get(`/v1/residents/?integration_id=${integration}&email_1=${email}`);
		expect(ids(found.body.results).sort()).toEqual(ids(shared).sort());
	});

	it('serves leases by resident (past ones too), by unit of a property, and current ones only', async () => {
		const moved = oakwood.find((r) => r.leases_meta_data.length > 1)!;
		const all = await get(`/v1/leases/?integration_id=${integration}&resident_id=${moved.id}`);
		expect(all.body.results.map((l) => l.status_normalized).sort()).toEqual(['ACTIVE', 'INACTIVE']);
		const current = await get(`/v1/leases/?resident_id=${moved.id}&only_null_move_outs=true`);
		expect(ids(current.body.results)).toEqual([moved.leases_meta_data[0].lease_id]);

		const unit = String(moved.leases_meta_data[0].custom_data!.unit_number);
		const byUnit = await get(`/v1/leases/?property_id=${moved.property_id}&unit_number=${unit}`);
		expect(ids(byUnit.body.results)).toContain(moved.leases_meta_data[0].lease_id);
		expect((await get(`/v1/leases/?unit_number=${unit}`)).status).toBe(400);
		const one = await get(`/v1/leases/${moved.leases_meta_data[0].lease_id}`);
		expect(one.status).toBe(200);
	});
});
