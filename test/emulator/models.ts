/**
 * Record shapes returned by the emulator, following the Propexo OpenAPI schemas (see
 * docs/propexo-api.md: Reads, Lookups behind the pickers). Every listed field is always present,
 * possibly null. Type aliases (not interfaces) so rows are assignable to `Row`.
 */
export type Row = Record<string, unknown>;

export type Vendor = 'RESMAN' | 'BUILDIUM';

export type Integration = {
	id: string;
	created_at: string;
	updated_at: string;
	name: string;
	vendor: Vendor;
	active: boolean;
	system: 'PRODUCTION' | 'SANDBOX';
	sync_frequency: number | null;
	sync_cadence: string | null;
	max_job_concurrency: number;
	max_request_frequency: number;
	max_request_cadence: string;
	base_url: string | null;
	is_archived: boolean;
	last_completed_sync: string | null;
	last_completed_back_sync: string | null;
	new_properties_are_enabled: boolean;
	integration_interfaces: { interface_name: string; enabled: boolean; version: string | null }[];
	models: Record<string, { enabled: boolean; from_interfaces: string[] }>;
	can_authenticate: boolean;
	last_data_access_check: string | null;
	allow_manual_syncs: boolean;
	configuration_meta_data: Row[];
};

export type Property = {
	id: string;
	property_id: string;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	x_created_at: string | null;
	x_id: string;
	x_property_id: string;
	x_building_id: string | null;
	building_number: string | null;
	city: string | null;
	code: string | null;
	country: string | null;
	county: string | null;
	custom_data: Row | null;
	is_active: boolean | null;
	manager_email: string | null;
	manager_name: string | null;
	manager_phone_1: string | null;
	manager_phone_1_type: string | null;
	manager_phone_2: string | null;
	manager_phone_2_type: string | null;
	name: string | null;
	notes: string | null;
	number_of_units: number | null;
	square_footage: number | null;
	square_feet: number | null;
	state: string | null;
	street_address_1: string | null;
	street_address_2: string | null;
	address_1: string | null;
	address_2: string | null;
	type: string | null;
	type_raw: string | null;
	type_normalized: string | null;
	website: string | null;
	year_built: number | null;
	zip: string | null;
	long_description: string | null;
	short_description: string | null;
	office_hours: { day_of_week: string; open_time: string; close_time: string }[];
	pet_types: string[];
	associated_owner_ids: string[];
	integration_id: string;
	integration_vendor: Vendor;
};

export type LeaseMeta = {
	lease_id: string;
	x_resident_type: string | null;
	resident_type_normalized: 'PRIMARY' | 'SECONDARY' | 'GUARANTOR' | 'OTHER' | null;
	move_in_date: string | null;
	move_out_date: string | null;
	notice_date: string | null;
	custom_data: Row | null;
};

export type Resident = {
	id: string;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	x_id: string;
	x_lease_id: string | null;
	leases_meta_data: LeaseMeta[];
	address_1_alternate: string | null;
	address_1: string | null;
	address_2_alternate: string | null;
	address_2: string | null;
	balance_in_cents: number | null;
	city_alternate: string | null;
	city: string | null;
	country_alternate: string | null;
	country: string | null;
	custom_data: Row | null;
	date_of_birth: string | null;
	email_1: string | null;
	email_2: string | null;
	first_name: string | null;
	is_employee: boolean | null;
	last_name: string | null;
	late_balance_in_cents: number | null;
	middle_name: string | null;
	notes: string | null;
	phone_1_type: string | null;
	phone_1: string | null;
	phone_2_type: string | null;
	phone_2: string | null;
	state_alternate: string | null;
	state: string | null;
	zip_alternate: string | null;
	zip: string | null;
	pets: Row[];
	vehicles: Row[];
	integration_id: string;
	integration_vendor: Vendor;
	property_id: string;
};

export type ChargeCode = {
	id: string;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	x_id: string;
	x_property_id: string;
	x_location_id: string | null;
	debit_gl_account: string | null;
	credit_gl_account: string | null;
	name: string | null;
	description: string | null;
	custom_data: Row | null;
	property_id: string;
	integration_id: string;
	integration_vendor: Vendor;
};

export type Allocation = {
	id: string;
	x_id: string;
	x_source_id: string | null;
	x_destination_id: string | null;
	financial_account_id: string | null;
	amount_in_cents: number | null;
	amount_raw: string | null;
	resident_charge_id: string | null;
	resident_payment_id: string | null;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	custom_data: Row | null;
};

/** Fields shared by resident payments and resident charges (docs/propexo-api.md, Reads). */
type TransactionBase = {
	id: string;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	x_id: string;
	x_property_id: string;
	x_gl_account_id: string | null;
	x_location_id: string | null;
	x_lease_id: string | null;
	x_resident_id: string | null;
	x_unit_id: string | null;
	x_charge_code_id: string | null;
	amount_in_cents: number | null;
	amount_raw: string | null;
	name: string | null;
	description: string | null;
	reference_number: string | null;
	transaction_date: string | null;
	is_open: boolean | null;
	post_month: string | null;
	custom_data: Row | null;
	integration_id: string;
	integration_vendor: Vendor;
	property_id: string;
	resident_id: string | null;
	financial_account_id: string | null;
	unit_id: string | null;
	lease_id: string | null;
	charge_code_id: string | null;
	allocations: Allocation[];
};

export type ResidentPayment = TransactionBase & {
	payment_method_normalized: string | null;
	payment_method_raw: string | null;
};

export type ResidentCharge = TransactionBase & {
	amount_open_in_cents: number | null;
	amount_open_raw: string | null;
	amount_paid_in_cents: number | null;
	amount_paid_raw: string | null;
	due_date: string | null;
	transaction_source: string | null;
};

/** Internal seed-only facts about a resident that are not part of the API shape. */
export type ResidentFacts = {
	unitId: string;
	unitNumber: string;
	rentInCents: number;
	failing: boolean;
};

/** A lease (GET /v1/leases/), the fields the node reads; derived from the residents' leases. */
export type Lease = {
	id: string;
	created_at: string;
	updated_at: string;
	last_seen: string | null;
	x_id: string;
	x_property_id: string | null;
	x_unit_id: string | null;
	residents_meta_data: (Omit<LeaseMeta, 'lease_id'> & { resident_id: string })[];
	start_date: string | null;
	end_date: string | null;
	realized_move_in_date: string | null;
	realized_move_out_date: string | null;
	rent_amount_in_cents: number | null;
	status_normalized: 'ACTIVE' | 'INACTIVE' | 'OTHER' | 'PENDING' | 'EVICTED' | null;
	status_raw: string | null;
	unit_number: string | null;
	unit_id: string | null;
	property_id: string;
	integration_id: string;
	integration_vendor: Vendor;
};
