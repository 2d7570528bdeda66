/**
 * Deterministic seed data for the emulator. Same ids and values on every run.
 *
 * Integrations (created_at, newest first in the default order):
 *   Oakwood Residential – ResMan        SEED.ids.oakwood      (primary; 3 properties, 40 residents, 800+ payments)
 *   Harborview Living – ResMan          SEED.ids.harborview   (2 properties, 40 residents, a few payments)
 *   Summit Ridge Communities – ResMan   SEED.ids.summitRidge  (3 properties, 40 residents, a few payments)
 *   Maple Street Property Co – Buildium SEED.ids.mapleStreet  (BUILDIUM; writes to /resman/ are rejected)
 *   Pinecrest Management – ResMan (archived)  SEED.ids.pinecrest (is_archived: true, active: false)
 * Every RESMAN integration has one resident named "Failing Resident" (SEED.failingResidentId(id)):
 * writes for that resident are accepted (200 + job_id) but the write job ends in FAILURE.
 * Resident charges (seed-charges.ts) cover the last 3 payment months, plus open charges for
 * residents with a balance (SEED.openBalanceResidentId).
 */
import {
	CHARGE_CODE_PLANS,
	EMAIL_DOMAINS,
	FIRST_NAMES,
	INTEGRATION_PLANS,
	LAST_NAMES,
	LAST_SYNC_AT,
	PAYMENT_TYPES,
	PAYMENT_TYPE_MIX,
	extraIntegrationPlan,
	monthLabel,
	nextMonth,
	type ChargeCodeKey,
	type IntegrationPlan,
	type PropertyPlan,
} from './seed-catalog';
import type {
	ChargeCode,
	Integration,
	Property,
	LeaseMeta,
	Lease,
	Resident,
	ResidentCharge,
	ResidentFacts,
	ResidentPayment,
} from './models';
import { Prng, stableUuid } from './random';
import { makeCharges } from './seed-charges';
import { makeLeases } from './seed-leases';

export interface SeedOptions {
	extraIntegrations?: number;
}

export interface SeedData {
	integrations: Integration[];
	properties: Property[];
	residents: Resident[];
	/** Derived from the residents' leases_meta_data (seed-leases.ts). */
	leases: Lease[];
	chargeCodes: ChargeCode[];
	payments: ResidentPayment[];
	/** Synced resident charges (see seed-charges.ts); charges created by writes are added later. */
	charges: ResidentCharge[];
	/** Seed-internal facts per resident id (unit, rent, failing flag). */
	residentFacts: Map<string, ResidentFacts>;
	ids: {
		oakwood: string;
		harborview: string;
		summitRidge: string;
		mapleStreet: string;
		pinecrest: string;
	};
	/** Oakwood Residential – ResMan: the integration with 600+ historical payments. */
	primaryIntegrationId: string;
	/** "Maria Gonzalez" at Oakwood Commons, an ordinary resident of the primary integration. */
	primaryResidentId: string;
	/**
	 * An ordinary (not failing, not moved out) resident of the primary integration with open
	 * charges; their `amount_open_in_cents` add up to the resident's `balance_in_cents`.
	 */
	openBalanceResidentId: string;
	/** Active, non-archived RESMAN integrations (seeded ones first, then generated extras). */
	resmanIntegrationIds: string[];
	failingResidentId(integrationId: string): string;
	residentsOf(integrationId: string): Resident[];
	propertiesOf(integrationId: string): Property[];
	chargeCodesOf(propertyId: string): ChargeCode[];
	chargeCodeId(propertyId: string, code: ChargeCodeKey): string;
	paymentCount(integrationId: string): number;
	chargeCount(integrationId: string): number;
	chargesOf(residentId: string): ResidentCharge[];
}

export const FAILING_FIRST_NAME = 'Failing';
export const FAILING_LAST_NAME = 'Resident';

export function buildSeed(options: SeedOptions = {}): SeedData {
	const plans = [...INTEGRATION_PLANS];
	for (let i = 1; i <= (options.extraIntegrations ?? 0); i++) plans.push(extraIntegrationPlan(i));

	const data = {
		integrations: [] as Integration[],
		properties: [] as Property[],
		residents: [] as Resident[],
		leases: [] as Lease[],
		chargeCodes: [] as ChargeCode[],
		payments: [] as ResidentPayment[],
		charges: [] as ResidentCharge[],
		residentFacts: new Map<string, ResidentFacts>(),
	};
	const failing = new Map<string, string>();
	for (const plan of plans) {
		const integration = makeIntegration(plan);
		data.integrations.push(integration);
		const properties = plan.properties.map((p) => makeProperty(plan, integration, p));
		data.properties.push(...properties);
		for (const property of properties)
			data.chargeCodes.push(...makeChargeCodes(integration, property));
		const residents = makeResidents(plan, integration, properties, data.residentFacts);
		data.residents.push(...residents);
		data.leases.push(...makeLeases(residents, data.residentFacts));
		const failingResident = residents.find((r) => data.residentFacts.get(r.id)?.failing);
		if (failingResident) failing.set(integration.id, failingResident.id);
		const payments = makePayments(plan, residents, data.residentFacts, data.chargeCodes);
		data.payments.push(...payments);
		data.charges.push(
			...makeCharges({
				plan,
				residents,
				facts: data.residentFacts,
				properties,
				chargeCodes: data.chargeCodes,
				paymentIds: new Set(payments.map((p) => p.id)),
			}),
		);
	}

	const byKey = (key: string) => stableUuid(`integration:${key}`);
	const ids = {
		oakwood: byKey('oakwood'),
		harborview: byKey('harborview'),
		summitRidge: byKey('summit-ridge'),
		mapleStreet: byKey('maple-street'),
		pinecrest: byKey('pinecrest'),
	};
	const primaryResident = data.residents.find(
		(r) => r.integration_id === ids.oakwood && r.first_name === 'Maria',
	);
	if (!primaryResident) throw new Error('seed: primary resident missing');
	const openBalanceResident = data.residents.find(
		(r) =>
			r.integration_id === ids.oakwood &&
			!data.residentFacts.get(r.id)?.failing &&
			r.leases_meta_data[0].move_out_date === null &&
			data.charges.some((c) => c.resident_id === r.id && c.is_open),
	);
	if (!openBalanceResident) throw new Error('seed: no resident with an open balance');
	const seed: SeedData = {
		...data,
		ids,
		primaryIntegrationId: ids.oakwood,
		primaryResidentId: primaryResident.id,
		openBalanceResidentId: openBalanceResident.id,
		resmanIntegrationIds: data.integrations
			.filter((i) => i.vendor === 'RESMAN' && !i.is_archived)
			.map((i) => i.id),
		failingResidentId(integrationId) {
			const id = failing.get(integrationId);
			if (!id) throw new Error(`seed: integration ${integrationId} has no failing resident`);
			return id;
		},
		residentsOf: (integrationId) =>
			data.residents.filter((r) => r.integration_id === integrationId),
		propertiesOf: (integrationId) =>
			data.properties.filter((p) => p.integration_id === integrationId),
		chargeCodesOf: (propertyId) => data.chargeCodes.filter((c) => c.property_id === propertyId),
		chargeCodeId(propertyId, code) {
			return stableUuid(`charge-code:${propertyId}:${code}`);
		},
		paymentCount: (integrationId) =>
			data.payments.filter((p) => p.integration_id === integrationId).length,
		chargeCount: (integrationId) =>
			data.charges.filter((c) => c.integration_id === integrationId).length,
		chargesOf: (residentId) => data.charges.filter((c) => c.resident_id === residentId),
	};
	if (seed.paymentCount(ids.oakwood) <= 600) throw new Error('seed: primary needs > 600 payments');
	return seed;
}

function makeIntegration(plan: IntegrationPlan): Integration {
	const resman = plan.vendor === 'RESMAN';
	const interfaces = resman
		? [
				'RESMAN_BASE',
				'RESMAN_READ_PROPERTIES',
				'RESMAN_READ_RESIDENTS',
				'RESMAN_READ_LEASES',
				'RESMAN_READ_UNITS',
				'RESMAN_READ_RESIDENT_CHARGE_CODES',
				'RESMAN_READ_RESIDENT_TRANSACTIONS',
				'RESMAN_CREATE_RESIDENT_CHARGE',
				'RESMAN_CREATE_RESIDENT_PAYMENT',
			]
		: ['BUILDIUM_BASE'];
	const modelSources: Record<string, string[]> = resman
		? {
				properties: ['RESMAN_READ_PROPERTIES'],
				residents: ['RESMAN_READ_RESIDENTS'],
				leases: ['RESMAN_READ_LEASES'],
				units: ['RESMAN_READ_UNITS'],
				charge_codes: ['RESMAN_READ_RESIDENT_CHARGE_CODES'],
				resident_charges: ['RESMAN_READ_RESIDENT_TRANSACTIONS', 'RESMAN_CREATE_RESIDENT_CHARGE'],
				resident_payments: ['RESMAN_READ_RESIDENT_TRANSACTIONS', 'RESMAN_CREATE_RESIDENT_PAYMENT'],
			}
		: Object.fromEntries(
				['properties', 'residents', 'leases', 'units', 'charge_codes', 'resident_payments'].map(
					(m) => [m, ['BUILDIUM_BASE']],
				),
			);
	const lastSync = plan.archived ? '2025-02-28T06:00:00.000Z' : LAST_SYNC_AT;
	return {
		id: stableUuid(`integration:${plan.key}`),
		created_at: plan.createdAt,
		updated_at: lastSync,
		name: plan.name,
		vendor: plan.vendor,
		active: !plan.archived,
		system: 'PRODUCTION',
		sync_frequency: 12,
		sync_cadence: 'HOUR',
		max_job_concurrency: 2,
		max_request_frequency: 60,
		max_request_cadence: 'MINUTE',
		base_url: null,
		is_archived: plan.archived,
		last_completed_sync: lastSync,
		last_completed_back_sync: plan.createdAt.replace(/T.*/, 'T23:40:00.000Z'),
		new_properties_are_enabled: true,
		integration_interfaces: interfaces.map((name) => ({
			interface_name: name,
			enabled: true,
			version: null,
		})),
		models: Object.fromEntries(
			Object.entries(modelSources).map(([m, from]) => [
				m,
				{ enabled: true, from_interfaces: from },
			]),
		),
		can_authenticate: !plan.archived,
		last_data_access_check: lastSync,
		allow_manual_syncs: true,
		configuration_meta_data: [],
	};
}

function makeProperty(plan: IntegrationPlan, integration: Integration, p: PropertyPlan): Property {
	const id = stableUuid(`property:${p.key}`);
	const rng = new Prng(`property:${p.key}`);
	const manager = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
	const hours = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((d) => ({
		day_of_week: d,
		open_time: '09:00',
		close_time: '18:00',
	}));
	return {
		id,
		property_id: id,
		created_at: plan.createdAt,
		updated_at: LAST_SYNC_AT,
		last_seen: LAST_SYNC_AT,
		x_created_at: null,
		x_id: stableUuid(`x-property:${p.key}`).toUpperCase(),
		x_property_id: stableUuid(`x-property:${p.key}`).toUpperCase(),
		x_building_id: null,
		building_number: null,
		city: p.city,
		code: p.code,
		country: 'US',
		county: p.county,
		custom_data: null,
		is_active: !plan.archived,
		manager_email: `${manager.toLowerCase().replace(/[^a-z]+/g, '.')}@${p.key}.example.com`,
		manager_name: manager,
		manager_phone_1: `${p.areaCode}5550100`,
		manager_phone_1_type: 'WORK',
		manager_phone_2: null,
		manager_phone_2_type: null,
		name: p.name,
		notes: null,
		number_of_units: p.units,
		square_footage: null,
		square_feet: p.units * rng.int(780, 1050),
		state: p.state,
		street_address_1: p.street,
		street_address_2: null,
		address_1: p.street,
		address_2: null,
		type: p.type,
		type_raw:
			p.type === 'MULTIFAMILY'
				? 'Multifamily'
				: p.type === 'TOWNHOME'
					? 'Townhome'
					: 'Single Family',
		type_normalized: p.type,
		website: `https://www.${p.key}.example.com`,
		year_built: p.yearBuilt,
		zip: p.zip,
		long_description: null,
		short_description: `${p.name} in ${p.city}, ${p.state}`,
		office_hours: hours,
		pet_types: ['Dog', 'Cat'],
		associated_owner_ids: [],
		integration_id: integration.id,
		integration_vendor: integration.vendor,
	};
}

function makeChargeCodes(integration: Integration, property: Property): ChargeCode[] {
	return CHARGE_CODE_PLANS.map((c) => ({
		id: stableUuid(`charge-code:${property.id}:${c.code}`),
		created_at: property.created_at,
		updated_at: LAST_SYNC_AT,
		last_seen: LAST_SYNC_AT,
		x_id: stableUuid(`x-charge-code:${property.id}:${c.code}`).toUpperCase(),
		x_property_id: property.x_id,
		x_location_id: null,
		debit_gl_account: c.debit,
		credit_gl_account: c.credit,
		name: c.name,
		description: c.description,
		custom_data: { code: c.code },
		property_id: property.id,
		integration_id: integration.id,
		integration_vendor: integration.vendor,
	}));
}

function makeResidents(
	plan: IntegrationPlan,
	integration: Integration,
	properties: Property[],
	facts: Map<string, ResidentFacts>,
): Resident[] {
	const rng = new Prng(`residents:${plan.key}`);
	const usedEmails = new Set<string>();
	const usedPhones = new Set<string>();
	const usedUnits = new Set<string>();
	const residents: Resident[] = [];
	let lease: {
		id: string;
		unitId: string;
		unitNumber: string;
		rent: number;
		moveIn: string;
	} | null = null;
	for (let i = 0; i < plan.residentCount; i++) {
		const propertyIndex = i % properties.length;
		const property = properties[propertyIndex];
		const pPlan = plan.properties[propertyIndex];
		const isFailing = plan.vendor === 'RESMAN' && i === plan.residentCount - 1;
		// Every 6th resident shares the previous resident's lease (a roommate).
		const roommate = lease !== null && i % 6 === 5 && !isFailing;
		if (!roommate) {
			let unitNumber = '';
			do unitNumber = `${rng.int(1, 4)}${String(rng.int(1, 24)).padStart(2, '0')}`;
			while (usedUnits.has(`${property.id}:${unitNumber}`));
			usedUnits.add(`${property.id}:${unitNumber}`);
			const year = rng.chance(0.7) ? rng.int(2021, 2024) : rng.int(2025, 2026);
			const month = year === 2026 ? rng.int(1, 6) : rng.int(1, 12);
			lease = {
				id: stableUuid(`lease:${plan.key}:${i}`),
				unitId: stableUuid(`unit:${property.id}:${unitNumber}`),
				unitNumber,
				rent: rng.int(pPlan.rentRange[0] / 5, pPlan.rentRange[1] / 5) * 500,
				moveIn: `${year}-${String(month).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
			};
		}
		const current = lease!;
		let first = rng.pick(FIRST_NAMES);
		let last = rng.pick(LAST_NAMES);
		if (plan.key === 'oakwood' && i === 0) [first, last] = ['Maria', 'Gonzalez'];
		if (isFailing) [first, last] = [FAILING_FIRST_NAME, FAILING_LAST_NAME];
		const emailBase = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
		let email = `${emailBase}@${rng.pick(EMAIL_DOMAINS)}`;
		for (let n = 2; usedEmails.has(email); n++)
			email = `${emailBase}${n}@${rng.pick(EMAIL_DOMAINS)}`;
		if (isFailing) email = `failing.resident+${plan.key}@example.com`;
		// Roommates sharing one email: a lookup by it must find both (issue #19).
		if (plan.key === 'oakwood' && i === 5) email = residents[4].email_1!;
		usedEmails.add(email);
		let phone = '';
		do phone = `${pPlan.areaCode}55501${rng.digits(2)}`;
		while (usedPhones.has(phone));
		usedPhones.add(phone);
		const movedOut = !roommate && !isFailing && rng.chance(0.08);
		const moveOut = movedOut
			? `2026-0${rng.int(3, 8)}-${String(rng.int(1, 28)).padStart(2, '0')}`
			: null;
		const id = stableUuid(`resident:${plan.key}:${i}`);
		// A resident who moved within the property: a past lease beside the current one.
		const pastLeases: LeaseMeta[] =
			plan.key === 'oakwood' && i === 1
				? [
						{
							lease_id: stableUuid(`past-lease:${plan.key}:${i}`),
							x_resident_type: 'Primary',
							resident_type_normalized: 'PRIMARY',
							move_in_date: '2019-06-01',
							move_out_date: '2021-05-31',
							notice_date: '2021-04-01',
							custom_data: {
								unit_id: stableUuid(`unit:${property.id}:PAST-${i}`),
								unit_number: `9${String(i).padStart(2, '0')}`,
							},
						},
					]
				: [];
		const sinceSync =
			plan.createdAt.slice(0, 10) > current.moveIn
				? plan.createdAt
				: `${current.moveIn}T14:00:00.000Z`;
		residents.push({
			id,
			created_at: new Date(Date.parse(sinceSync) + 86_400_000 + i * 1000).toISOString(),
			updated_at: LAST_SYNC_AT,
			last_seen: LAST_SYNC_AT,
			x_id: stableUuid(`x-resident:${plan.key}:${i}`).toUpperCase(),
			x_lease_id: stableUuid(`x-${current.id}`).toUpperCase(),
			leases_meta_data: [
				{
					lease_id: current.id,
					x_resident_type: roommate ? 'Roommate' : 'Primary',
					resident_type_normalized: roommate ? 'SECONDARY' : 'PRIMARY',
					move_in_date: current.moveIn,
					move_out_date: moveOut,
					notice_date: null,
					custom_data: { unit_id: current.unitId, unit_number: current.unitNumber },
				},
				...pastLeases,
			],
			address_1_alternate: null,
			address_1: pPlan.street,
			address_2_alternate: null,
			address_2: `Unit ${current.unitNumber}`,
			balance_in_cents: isFailing ? 212_500 : rng.chance(0.15) ? rng.int(1, 40) * 2500 : 0,
			city_alternate: null,
			city: pPlan.city,
			country_alternate: null,
			country: 'US',
			custom_data: null,
			date_of_birth: `${rng.int(1958, 2003)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
			email_1: email,
			email_2: null,
			first_name: first,
			is_employee: false,
			last_name: last,
			late_balance_in_cents: isFailing ? 7_500 : 0,
			middle_name: null,
			notes: isFailing
				? 'Emulator test resident: every write for this resident ends in write_status FAILURE.'
				: null,
			phone_1_type: 'MOBILE',
			phone_1: phone,
			phone_2_type: null,
			phone_2: null,
			state_alternate: null,
			state: pPlan.state,
			zip_alternate: null,
			zip: pPlan.zip,
			pets: [],
			vehicles: [],
			integration_id: integration.id,
			integration_vendor: integration.vendor,
			property_id: property.id,
		});
		facts.set(id, {
			unitId: current.unitId,
			unitNumber: current.unitNumber,
			rentInCents: roommate ? current.rent / 2 : current.rent,
			failing: isFailing,
		});
		// The primary leaseholder splits rent with a roommate.
		if (roommate) {
			const primary = residents[residents.length - 2];
			const pf = facts.get(primary.id)!;
			pf.rentInCents = current.rent / 2;
		}
	}
	return residents;
}

function makePayments(
	plan: IntegrationPlan,
	residents: Resident[],
	facts: Map<string, ResidentFacts>,
	chargeCodes: ChargeCode[],
): ResidentPayment[] {
	if (!plan.paymentMonths) return [];
	const rng = new Prng(`payments:${plan.key}`);
	const payments: ResidentPayment[] = [];
	const [from, to] = plan.paymentMonths;
	for (const resident of residents) {
		const fact = facts.get(resident.id)!;
		const lease = resident.leases_meta_data[0];
		const moveIn = (lease.move_in_date ?? '2000-01-01').slice(0, 7);
		const moveOut = (lease.move_out_date ?? '9999-12').slice(0, 7);
		const method = rng.pick(PAYMENT_TYPE_MIX);
		const rentCode = chargeCodes.find(
			(c) => c.property_id === resident.property_id && c.custom_data?.code === 'RENT',
		)!;
		const lateCode = chargeCodes.find(
			(c) => c.property_id === resident.property_id && c.custom_data?.code === 'LATEFEE',
		)!;
		for (let month = from; month <= to; month = nextMonth(month)) {
			if (month < moveIn || month > moveOut) continue;
			const late = rng.chance(0.06);
			const day = late ? rng.int(6, 14) : rng.int(1, 5);
			const base = {
				plan,
				resident,
				fact,
				month,
				day,
				method: rng.chance(0.9) ? method : rng.pick(PAYMENT_TYPE_MIX),
			};
			payments.push(makePayment(rng, { ...base, amount: fact.rentInCents, code: rentCode, n: 0 }));
			if (late) {
				payments.push(makePayment(rng, { ...base, amount: 7_500, code: lateCode, n: 1 }));
			}
		}
	}
	return payments;
}

function makePayment(
	rng: Prng,
	p: {
		plan: IntegrationPlan;
		resident: Resident;
		fact: ResidentFacts;
		month: string;
		day: number;
		method: keyof typeof PAYMENT_TYPES;
		amount: number;
		code: ChargeCode;
		n: number;
	},
): ResidentPayment {
	const key = `payment:${p.plan.key}:${p.resident.id}:${p.month}:${p.n}`;
	const id = stableUuid(key);
	const xId = stableUuid(`x-${key}`).toUpperCase();
	const date = `${p.month}-${String(p.day).padStart(2, '0')}T00:00:00.000Z`;
	const created = new Date(
		Date.parse(date) + rng.int(6, 30) * 3_600_000 + rng.int(0, 3_599_999),
	).toISOString();
	const amountRaw = (p.amount / 100).toFixed(2);
	return {
		id,
		created_at: created,
		updated_at: created,
		last_seen: LAST_SYNC_AT,
		x_id: xId,
		x_property_id: stableUuid(`x-property:${propertyKeyOf(p.plan, p.resident)}`).toUpperCase(),
		x_gl_account_id: null,
		x_location_id: null,
		x_lease_id: p.resident.x_lease_id,
		x_resident_id: p.resident.x_id,
		x_unit_id: stableUuid(`x-${p.fact.unitId}`).toUpperCase(),
		x_charge_code_id: p.code.x_id,
		amount_in_cents: p.amount,
		amount_raw: amountRaw,
		name: 'Payment',
		description: p.n === 0 ? `${monthLabel(p.month)} rent` : `Late fee – ${monthLabel(p.month)}`,
		reference_number: referenceFor(rng, p.method),
		transaction_date: date,
		is_open: false,
		post_month: p.month,
		custom_data: null,
		integration_id: p.resident.integration_id,
		integration_vendor: p.resident.integration_vendor,
		property_id: p.resident.property_id,
		resident_id: p.resident.id,
		financial_account_id: null,
		unit_id: p.fact.unitId,
		lease_id: p.resident.leases_meta_data[0].lease_id,
		charge_code_id: p.code.id,
		allocations: [
			{
				id: stableUuid(`allocation:${key}`),
				x_id: stableUuid(`x-allocation:${key}`).toUpperCase(),
				x_source_id: xId,
				x_destination_id: null,
				financial_account_id: null,
				amount_in_cents: p.amount,
				amount_raw: amountRaw,
				resident_charge_id: null,
				resident_payment_id: id,
				created_at: created,
				updated_at: created,
				last_seen: LAST_SYNC_AT,
				custom_data: null,
			},
		],
		payment_method_normalized: PAYMENT_TYPES[p.method],
		payment_method_raw: p.method,
	};
}

function propertyKeyOf(plan: IntegrationPlan, resident: Resident): string {
	const match = plan.properties.find(
		(p) => stableUuid(`property:${p.key}`) === resident.property_id,
	);
	return match ? match.key : resident.property_id;
}

function referenceFor(rng: Prng, method: keyof typeof PAYMENT_TYPES): string {
	switch (method) {
		case 'Check':
		case 'Cashiers Check':
			return rng.digits(4);
		case 'Money Order':
			return `MO${rng.digits(9)}`;
		case 'Credit Card':
		case 'Debit Card':
			return `CC-${rng.digits(6)}`;
		case 'Cash':
			return `RCPT-${rng.digits(5)}`;
		default:
			return `ACH${rng.digits(10)}`;
	}
}

/** The default seed (no generated extra integrations). */
export const SEED: SeedData = buildSeed();
