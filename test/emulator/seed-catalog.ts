/** Static, hand-written facts the seed generator (seed.ts) expands into full records. */
import type { Vendor } from './models';

export interface PropertyPlan {
	key: string;
	name: string;
	code: string;
	street: string;
	city: string;
	state: string;
	zip: string;
	county: string;
	units: number;
	yearBuilt: number;
	type: 'MULTIFAMILY' | 'SINGLE_FAMILY' | 'TOWNHOME';
	areaCode: string;
	rentRange: [number, number]; // dollars
}

export interface IntegrationPlan {
	key: string;
	name: string;
	vendor: Vendor;
	archived: boolean;
	createdAt: string;
	residentCount: number;
	/** Months (YYYY-MM, inclusive) of historical payments to generate. */
	paymentMonths: [string, string] | null;
	properties: PropertyPlan[];
}

export const LAST_SYNC_AT = '2026-11-24T18:00:00.000Z';

export const INTEGRATION_PLANS: IntegrationPlan[] = [
	{
		key: 'oakwood',
		name: 'Oakwood Residential – ResMan',
		vendor: 'RESMAN',
		archived: false,
		createdAt: '2024-03-12T15:04:27.118Z',
		residentCount: 40,
		paymentMonths: ['2025-01', '2026-10'],
		// prettier-ignore
		properties: [
			prop('oakwood-commons', 'Oakwood Commons', 'OAKC', '1200 Oakwood Blvd', 'Austin', 'TX', '78745', 'Travis', 184, 2009, '512', [1295, 1890]),
			prop('barton-creek', 'The Residences at Barton Creek', 'BRTN', '4410 Bee Caves Rd', 'Austin', 'TX', '78746', 'Travis', 96, 2016, '737', [1850, 2450]),
			prop('cedar-park-lofts', 'Cedar Park Lofts', 'CDPK', '701 E Whitestone Blvd', 'Cedar Park', 'TX', '78613', 'Williamson', 64, 2019, '512', [1425, 1975]),
		],
	},
	{
		key: 'harborview',
		name: 'Harborview Living – ResMan',
		vendor: 'RESMAN',
		archived: false,
		createdAt: '2024-06-03T09:41:55.602Z',
		residentCount: 40,
		paymentMonths: ['2026-09', '2026-10'],
		// prettier-ignore
		properties: [
			prop('harborview-towers', 'Harborview Towers', 'HBVT', '88 Harbor Way', 'Tampa', 'FL', '33602', 'Hillsborough', 212, 2012, '813', [1650, 2600]),
			prop('bayshore-flats', 'Bayshore Flats', 'BYSH', '2301 Bayshore Blvd', 'Tampa', 'FL', '33606', 'Hillsborough', 72, 1998, '813', [1350, 1795]),
		],
	},
	{
		key: 'summit-ridge',
		name: 'Summit Ridge Communities – ResMan',
		vendor: 'RESMAN',
		archived: false,
		createdAt: '2024-09-18T20:12:03.377Z',
		residentCount: 40,
		paymentMonths: ['2026-10', '2026-10'],
		// prettier-ignore
		properties: [
			prop('summit-ridge-apts', 'Summit Ridge Apartments', 'SMRA', '5500 S Summit Ridge Pkwy', 'Aurora', 'CO', '80016', 'Arapahoe', 240, 2006, '303', [1495, 2150]),
			prop('aspen-grove', 'Aspen Grove Townhomes', 'ASPG', '1420 Aspen Grove Way', 'Littleton', 'CO', '80120', 'Arapahoe', 58, 2001, '720', [2050, 2750], 'TOWNHOME'),
			prop('pine-hollow', 'Pine Hollow', 'PNHL', '900 W Pine Hollow Dr', 'Lakewood', 'CO', '80228', 'Jefferson', 120, 1987, '303', [1195, 1595]),
		],
	},
	{
		key: 'maple-street',
		name: 'Maple Street Property Co – Buildium',
		vendor: 'BUILDIUM',
		archived: false,
		createdAt: '2023-11-02T13:27:40.905Z',
		residentCount: 12,
		paymentMonths: ['2026-10', '2026-10'],
		// prettier-ignore
		properties: [
			prop('maple-street-duplexes', 'Maple Street Duplexes', 'MAPL', '310 Maple St', 'Columbus', 'OH', '43215', 'Franklin', 16, 1954, '614', [1050, 1350], 'SINGLE_FAMILY'),
		],
	},
	{
		key: 'pinecrest',
		name: 'Pinecrest Management – ResMan (archived)',
		vendor: 'RESMAN',
		archived: true,
		createdAt: '2023-05-20T17:55:12.240Z',
		residentCount: 10,
		paymentMonths: ['2024-11', '2024-12'],
		// prettier-ignore
		properties: [
			prop('pinecrest-village', 'Pinecrest Village', 'PNCV', '45 Pinecrest Ln', 'Raleigh', 'NC', '27609', 'Wake', 88, 1992, '919', [1095, 1395]),
		],
	},
];

/** Generated RESMAN integrations (EmulatorOptions.seed.extraIntegrations), to exercise picker paging. */
export function extraIntegrationPlan(index: number): IntegrationPlan {
	const n = String(index).padStart(3, '0');
	const created = new Date(Date.UTC(2025, 0, 6, 12) + index * 3_600_000).toISOString();
	return {
		key: `extra-${n}`,
		name: `Generated ResMan Integration ${n}`,
		vendor: 'RESMAN',
		archived: false,
		createdAt: created,
		residentCount: 3,
		paymentMonths: null,
		// prettier-ignore
		properties: [
			prop(`extra-${n}-property`, `Generated Property ${n}`, `GP${n}`, `${100 + index} Generated Ave`, 'Springfield', 'IL', '62701', 'Sangamon', 24, 2000, '217', [900, 1200]),
		],
	};
}

function prop(
	key: string,
	name: string,
	code: string,
	street: string,
	city: string,
	state: string,
	zip: string,
	county: string,
	units: number,
	yearBuilt: number,
	areaCode: string,
	rentRange: [number, number],
	type: PropertyPlan['type'] = 'MULTIFAMILY',
): PropertyPlan {
	return {
		key,
		name,
		code,
		street,
		city,
		state,
		zip,
		county,
		units,
		yearBuilt,
		type,
		areaCode,
		rentRange,
	};
}

// prettier-ignore
export const FIRST_NAMES = [
	'James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Ethan', 'Sophia', 'Mason', 'Isabella',
	'Lucas', 'Mia', 'Elijah', 'Charlotte', 'Logan', 'Amelia', 'Aiden', 'Harper', 'Jackson', 'Evelyn',
	'Daniel', 'Abigail', 'Mateo', 'Emily', 'Henry', 'Ella', 'Owen', 'Scarlett', 'Samuel', 'Grace',
	'David', 'Chloe', 'Joseph', 'Camila', 'Carter', 'Aria', 'Wyatt', 'Layla', 'Julian', 'Nora',
	'Andre', 'Priya', 'Wei', 'Fatima', 'Diego', 'Keisha', 'Tomás', 'Aaliyah', 'Rahul', 'Yuki',
];

// prettier-ignore
export const LAST_NAMES = [
	'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
	'Hernandez', 'Lopez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee',
	'Thompson', 'White', 'Harris', 'Clark', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King',
	'Wright', 'Scott', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall',
	'Patel', 'Kim', 'Okafor', 'Chen', 'Washington', "O'Brien", 'Kowalski', 'Ramirez', 'Sato', 'Singh',
];

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'];

/** Charge codes seeded on every property. */
export const CHARGE_CODE_PLANS = [
	{
		code: 'RENT',
		name: 'Rent',
		description: 'Monthly apartment rent',
		debit: '1200',
		credit: '4100',
	},
	{
		code: 'PETRENT',
		name: 'Pet Rent',
		description: 'Monthly pet rent',
		debit: '1200',
		credit: '4150',
	},
	{
		code: 'LATEFEE',
		name: 'Late Fee',
		description: 'Late payment fee',
		debit: '1200',
		credit: '4400',
	},
	{
		code: 'UTILWTR',
		name: 'Water/Sewer',
		description: 'Utility reimbursement – water & sewer',
		debit: '1200',
		credit: '4510',
	},
	{
		code: 'PARKING',
		name: 'Parking',
		description: 'Reserved parking space',
		debit: '1200',
		credit: '4300',
	},
] as const;

export type ChargeCodeKey = (typeof CHARGE_CODE_PLANS)[number]['code'];

/** Write-side `payment_type` values (docs/propexo-api.md) with their read-side normalization. */
export const PAYMENT_TYPES = {
	ACH: 'ELECTRONICPAYMENT',
	Cash: 'CASH',
	'Cashiers Check': 'CASHIERCHECK',
	Check: 'CHECK',
	'Credit Card': 'CREDITCARD',
	'Debit Card': 'ELECTRONICPAYMENT',
	eCheck: 'ELECTRONICPAYMENT',
	'Money Order': 'MONEYORDER',
} as const;

export type PaymentType = keyof typeof PAYMENT_TYPES;

/** Weighted mix of how residents pay in the historical data. */
// prettier-ignore
export const PAYMENT_TYPE_MIX: PaymentType[] = [
	'ACH', 'ACH', 'ACH', 'ACH', 'ACH', 'ACH', 'ACH', 'Credit Card', 'Credit Card', 'Credit Card',
	'Credit Card', 'Check', 'Check', 'Check', 'eCheck', 'eCheck', 'Debit Card', 'Money Order', 'Cashiers Check', 'Cash',
];

// prettier-ignore
export const MONTH_NAMES = [
	'January', 'February', 'March', 'April', 'May', 'June',
	'July', 'August', 'September', 'October', 'November', 'December',
];

/** `2026-10` → `October 2026` */
export function monthLabel(month: string): string {
	return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}

export function nextMonth(month: string): string {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}
