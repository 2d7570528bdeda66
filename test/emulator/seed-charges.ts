/**
 * Seeded (synced) resident charges: the last CHARGE_MONTHS months of each integration's payment
 * history. Rent and late fees mirror the seeded payments (and are allocated to them); pet rent,
 * parking and water/sewer recur per resident; a few credits are negative charges. Residents with
 * a `balance_in_cents` get open charges that add up to exactly that balance.
 */
import type {
	Allocation,
	ChargeCode,
	Property,
	Resident,
	ResidentCharge,
	ResidentFacts,
} from './models';
import { Prng, stableUuid } from './random';
import {
	LAST_SYNC_AT,
	monthLabel,
	nextMonth,
	type ChargeCodeKey,
	type IntegrationPlan,
} from './seed-catalog';

const CHARGE_MONTHS = 3;
const LATE_FEE_IN_CENTS = 7_500;

export interface ChargeSeedInput {
	plan: IntegrationPlan;
	residents: Resident[];
	facts: Map<string, ResidentFacts>;
	properties: Property[];
	chargeCodes: ChargeCode[];
	/** Ids of the seeded payments, to allocate rent and late-fee charges to them. */
	paymentIds: Set<string>;
}

interface ChargeSpec {
	code: ChargeCodeKey;
	/** Distinguishes several charges of one code in a month (part of the stable id). */
	slot: string;
	month: string;
	day: number;
	amount: number;
	open: number;
	description: string;
	source: 'RECURRING' | 'MANUAL';
	reference: string | null;
	/** Seed key of the payment (`payment:…`) that paid it. */
	paidBy?: string;
}

export function makeCharges(input: ChargeSeedInput): ResidentCharge[] {
	const { plan } = input;
	if (!plan.paymentMonths) return [];
	const rng = new Prng(`charges:${plan.key}`);
	const [from, to] = plan.paymentMonths;
	let start = to;
	for (let n = 1; n < CHARGE_MONTHS; n++) start = previousMonth(start);
	if (start < from) start = from;
	const charges: ResidentCharge[] = [];
	for (const resident of input.residents) {
		const lease = resident.leases_meta_data[0];
		const moveIn = (lease.move_in_date ?? '2000-01-01').slice(0, 7);
		const moveOut = (lease.move_out_date ?? '9999-12').slice(0, 7);
		const specs: ChargeSpec[] = [];
		const pet = rng.chance(0.2) ? rng.pick([2_500, 3_500, 5_000]) : 0;
		const parking = rng.chance(0.25) ? rng.pick([3_500, 5_000, 7_500]) : 0;
		const water = rng.chance(0.6);
		for (let month = start; month <= to; month = nextMonth(month)) {
			if (month < moveIn || month > moveOut) continue;
			specs.push(...monthlyCharges(rng, input, resident, month, { pet, parking, water }));
		}
		// Open charges sit in the last month of the lease within the history, or at move-in for a
		// lease that starts after it, so every balance is explained.
		const lastMonth = moveOut < to ? moveOut : to;
		specs.push(...openCharges(rng, resident, lastMonth < moveIn ? moveIn : lastMonth));
		for (const spec of specs) charges.push(makeCharge(rng, input, resident, spec));
	}
	return charges;
}

function monthlyCharges(
	rng: Prng,
	{ plan, facts, paymentIds }: ChargeSeedInput,
	resident: Resident,
	month: string,
	extras: { pet: number; parking: number; water: boolean },
): ChargeSpec[] {
	const label = monthLabel(month);
	const paymentKey = (n: number) => `payment:${plan.key}:${resident.id}:${month}:${n}`;
	const paid = (n: number) =>
		paymentIds.has(stableUuid(paymentKey(n))) ? paymentKey(n) : undefined;
	const closed = { month, open: 0, source: 'RECURRING', reference: null } as const;
	const specs: ChargeSpec[] = [];
	const rent = facts.get(resident.id)!.rentInCents;
	specs.push({
		...closed,
		code: 'RENT',
		slot: 'rent',
		day: 1,
		amount: rent,
		description: `${label} rent`,
		paidBy: paid(0),
	});
	if (paid(1)) {
		specs.push({
			...closed,
			code: 'LATEFEE',
			slot: 'late',
			day: 6,
			amount: LATE_FEE_IN_CENTS,
			description: `Late fee – ${label}`,
			source: 'MANUAL',
			reference: `LF-${rng.digits(6)}`,
			paidBy: paid(1),
		});
	}
	if (extras.pet > 0) {
		const description = `Pet rent – ${label}`;
		specs.push({
			...closed,
			code: 'PETRENT',
			slot: 'pet',
			day: 1,
			amount: extras.pet,
			description,
		});
	}
	if (extras.parking > 0) {
		const description = `Reserved parking – ${label}`;
		specs.push({
			...closed,
			code: 'PARKING',
			slot: 'parking',
			day: 1,
			amount: extras.parking,
			description,
		});
	}
	if (extras.water) {
		const amount = rng.int(3_200, 7_800);
		const description = `Water/Sewer – ${label}`;
		specs.push({ ...closed, code: 'UTILWTR', slot: 'water', day: 10, amount, description });
	}
	// Credits are negative charges, already applied (closed).
	const credit = { ...closed, source: 'MANUAL', reference: `ADJ-${rng.digits(6)}` } as const;
	if (rng.chance(0.05)) {
		specs.push({
			...credit,
			code: 'RENT',
			slot: 'concession',
			day: 1,
			amount: -rng.int(2, 10) * 2_500,
			description: `Concession – ${label} move-in special`,
		});
	}
	if (extras.water && rng.chance(0.05)) {
		specs.push({
			...credit,
			code: 'UTILWTR',
			slot: 'water-credit',
			day: 12,
			amount: -rng.int(500, 2_500),
			description: `Utility credit – ${label} meter adjustment`,
		});
	}
	return specs;
}

/** Open charges adding up to the resident's balance: late fee, water/sewer, then prior balance. */
function openCharges(rng: Prng, resident: Resident, month: string): ChargeSpec[] {
	const balance = resident.balance_in_cents ?? 0;
	if (balance <= 0) return [];
	const label = monthLabel(month);
	const open = { month, source: 'MANUAL', reference: null } as const;
	const specs: ChargeSpec[] = [];
	const late = Math.min(balance, resident.late_balance_in_cents ?? 0);
	if (late > 0) {
		const description = `Late fee – ${label}`;
		specs.push({
			...open,
			code: 'LATEFEE',
			slot: 'open-late',
			day: 6,
			amount: late,
			open: late,
			description,
		});
	}
	let rest = balance - late;
	const water = Math.min(rest, rng.int(40, 75) * 100);
	if (water > 0) {
		specs.push({
			...open,
			code: 'UTILWTR',
			slot: 'open-water',
			day: 15,
			amount: water,
			open: water,
			description: `Water/Sewer – ${label} (past due)`,
		});
		rest -= water;
	}
	if (rest > 0) {
		const paidPart = rng.chance(0.5) ? rng.int(1, 4) * 5_000 : 0;
		specs.push({
			...open,
			code: 'RENT',
			slot: 'open-balance',
			day: 1,
			amount: rest + paidPart,
			open: rest,
			description: `Prior balance – ${label} rent`,
			reference: `BAL-${rng.digits(6)}`,
		});
	}
	return specs;
}

function makeCharge(
	rng: Prng,
	{ plan, facts, properties, chargeCodes }: ChargeSeedInput,
	resident: Resident,
	spec: ChargeSpec,
): ResidentCharge {
	const key = `charge:${plan.key}:${resident.id}:${spec.month}:${spec.slot}`;
	const id = stableUuid(key);
	const xId = stableUuid(`x-${key}`).toUpperCase();
	const fact = facts.get(resident.id)!;
	const property = properties.find((p) => p.id === resident.property_id)!;
	const code = chargeCodes.find(
		(c) => c.property_id === resident.property_id && c.custom_data?.code === spec.code,
	)!;
	const date = `${spec.month}-${String(spec.day).padStart(2, '0')}T00:00:00.000Z`;
	const createdMs = Date.parse(date) + rng.int(1, 6) * 3_600_000 + rng.int(0, 3_599_999);
	const created = new Date(createdMs).toISOString();
	const settledMs = Math.min(createdMs + rng.int(1, 9) * 86_400_000, Date.parse(LAST_SYNC_AT));
	const updated = spec.open === 0 ? new Date(settledMs).toISOString() : created;
	const paid = spec.amount - spec.open;
	const allocations: Allocation[] = spec.paidBy
		? [
				{
					id: stableUuid(`allocation:${key}`),
					x_id: stableUuid(`x-allocation:${key}`).toUpperCase(),
					x_source_id: stableUuid(`x-${spec.paidBy}`).toUpperCase(),
					x_destination_id: xId,
					financial_account_id: null,
					amount_in_cents: spec.amount,
					amount_raw: raw(spec.amount),
					resident_charge_id: id,
					resident_payment_id: stableUuid(spec.paidBy),
					created_at: updated,
					updated_at: updated,
					last_seen: LAST_SYNC_AT,
					custom_data: null,
				},
			]
		: [];
	return {
		id,
		created_at: created,
		updated_at: updated,
		last_seen: LAST_SYNC_AT,
		x_id: xId,
		x_property_id: property.x_id,
		x_gl_account_id: null,
		x_location_id: null,
		x_lease_id: resident.x_lease_id,
		x_resident_id: resident.x_id,
		x_unit_id: stableUuid(`x-${fact.unitId}`).toUpperCase(),
		x_charge_code_id: code.x_id,
		amount_in_cents: spec.amount,
		amount_raw: raw(spec.amount),
		amount_open_in_cents: spec.open,
		amount_open_raw: raw(spec.open),
		amount_paid_in_cents: paid,
		amount_paid_raw: raw(paid),
		due_date: date,
		name: code.name,
		description: spec.description,
		reference_number: spec.reference,
		transaction_date: date,
		transaction_source: spec.source,
		is_open: spec.open > 0,
		post_month: spec.month,
		custom_data: null,
		integration_id: resident.integration_id,
		integration_vendor: resident.integration_vendor,
		property_id: resident.property_id,
		resident_id: resident.id,
		financial_account_id: null,
		unit_id: fact.unitId,
		lease_id: resident.leases_meta_data[0].lease_id,
		charge_code_id: code.id,
		allocations,
	};
}

function raw(cents: number): string {
	return (cents / 100).toFixed(2);
}

function previousMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
