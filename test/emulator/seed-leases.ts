/** Leases, derived from what the residents say of theirs (leases_meta_data). */
import type { Lease, Resident, ResidentFacts } from './models';
import { stableUuid } from './random';
import { LAST_SYNC_AT as LAST_SYNC } from './seed-catalog';

export function makeLeases(residents: Resident[], facts: Map<string, ResidentFacts>): Lease[] {
	const leases = new Map<string, Lease>();
	for (const resident of residents) {
		for (const meta of resident.leases_meta_data) {
			const { lease_id, ...residentMeta } = meta;
			let lease = leases.get(lease_id);
			if (!lease) {
				const unitNumber = meta.custom_data?.unit_number as string | undefined;
				const moveOut = meta.move_out_date;
				lease = {
					id: lease_id,
					created_at: resident.created_at,
					updated_at: LAST_SYNC,
					last_seen: LAST_SYNC,
					x_id: stableUuid(`x-${lease_id}`).toUpperCase(),
					x_property_id: null,
					x_unit_id: null,
					residents_meta_data: [],
					start_date: meta.move_in_date,
					end_date: moveOut,
					realized_move_in_date: meta.move_in_date,
					realized_move_out_date: moveOut,
					rent_amount_in_cents: moveOut ? null : (facts.get(resident.id)?.rentInCents ?? null),
					status_normalized: moveOut && moveOut < LAST_SYNC ? 'INACTIVE' : 'ACTIVE',
					status_raw: moveOut && moveOut < LAST_SYNC ? 'Former' : 'Current',
					unit_number: unitNumber ?? null,
					unit_id: (meta.custom_data?.unit_id as string | undefined) ?? null,
					property_id: resident.property_id,
					integration_id: resident.integration_id,
					integration_vendor: resident.integration_vendor,
				};
				leases.set(lease_id, lease);
			}
			lease.residents_meta_data.push({ resident_id: resident.id, ...residentMeta });
		}
	}
	return [...leases.values()];
}
