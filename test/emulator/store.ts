/** Mutable emulator state: request log, ledgers, write jobs and records created by writes. */
import { randomUUID } from 'node:crypto';
import type {
	ChargeCode,
	Integration,
	Property,
	Resident,
	ResidentCharge,
	ResidentPayment,
} from './models';
import { PAYMENT_TYPES, type PaymentType } from './seed-catalog';
import type { SeedData } from './seed';
import type { ChargeLedgerEntry, LedgerEntry, RecordedRequest } from './types';

export const WRITE_ERRORS = {
	duplicate: 'Failed to write resident transaction: Duplicate transaction ID',
	failingResident:
		'Failed to write resident transaction: Lease is not in a status that allows new transactions',
};

/** A batch job's error for one charge: `charges[2]: <WRITE_ERRORS message>`. */
export function batchWriteError(index: number, error: string): string {
	return `charges[${index}]: ${error}`;
}

export const DEFAULT_MAX_BATCH_SIZE = 500;

export type WriteKind = 'resident_payment' | 'resident_charge';

export interface WriteJob {
	id: string;
	kind: WriteKind;
	/** One input per record the job writes: one for single writes, every charge of a batch. */
	inputs: Record<string, unknown>[];
	createdAt: number;
	dueAt: number;
	outcome: 'SUCCESS' | 'FAILURE';
	errors: string[];
	settled: boolean;
}

export class Store {
	readonly integrations: Map<string, Integration>;
	readonly properties: Map<string, Property>;
	readonly residents: Map<string, Resident>;
	readonly chargeCodes: Map<string, ChargeCode>;
	readonly requests: RecordedRequest[] = [];
	readonly ledger: LedgerEntry[] = [];
	readonly chargeLedger: ChargeLedgerEntry[] = [];
	readonly jobs = new Map<string, WriteJob>();
	private pending: WriteJob[] = [];
	private postedKeys = new Set<string>();
	private createdPayments: ResidentPayment[] = [];
	private createdCharges: ResidentCharge[] = [];
	private nextRequestId = 1;
	/** Told when a job is created (to settle it on time) and when it settled, with its records. */
	onJobCreated?: (job: WriteJob) => void;
	onSettled?: (job: WriteJob, records: Array<ResidentPayment | ResidentCharge>) => void;
	/** Largest accepted batch; a setting, so reset() keeps it. */
	maxBatchSize = DEFAULT_MAX_BATCH_SIZE;

	constructor(
		readonly seed: SeedData,
		private readonly writeDelayMs: number,
	) {
		const index = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
		this.integrations = index(seed.integrations);
		this.properties = index(seed.properties);
		this.residents = index(seed.residents);
		this.chargeCodes = index(seed.chargeCodes);
	}

	newRequestId(): number {
		return this.nextRequestId++;
	}

	payments(): ResidentPayment[] {
		return this.createdPayments.length === 0
			? this.seed.payments
			: [...this.seed.payments, ...this.createdPayments];
	}

	charges(): ResidentCharge[] {
		return this.createdCharges.length === 0
			? this.seed.charges
			: [...this.seed.charges, ...this.createdCharges];
	}

	setMaxBatchSize(max: number | undefined): void {
		if (max !== undefined && !(Number.isSafeInteger(max) && max >= 1)) {
			throw new Error('maxBatchSize must be a positive integer');
		}
		this.maxBatchSize = max ?? DEFAULT_MAX_BATCH_SIZE;
	}

	/**
	 * Registers an accepted write. Its outcome (ResMan's verdict) is decided now, shown later.
	 * A batch is one MITS transaction set: any failing charge fails the whole job and none of
	 * its charges count as posted.
	 */
	createJob(
		kind: WriteKind,
		inputs: Record<string, unknown>[],
		now: number,
		batch = false,
	): WriteJob {
		const job: WriteJob = {
			id: `job-${randomUUID()}`,
			kind,
			inputs,
			createdAt: now,
			dueAt: now + this.writeDelayMs,
			outcome: 'SUCCESS',
			errors: [],
			settled: false,
		};
		const keys = inputs.map((input) =>
			[kind, input.integration_id, input.reference_number, input.batch_id].join('|'),
		);
		inputs.forEach((input, i) => {
			const error = this.seed.residentFacts.get(String(input.resident_id))?.failing
				? WRITE_ERRORS.failingResident
				: this.postedKeys.has(keys[i]) || keys.indexOf(keys[i]) < i
					? WRITE_ERRORS.duplicate
					: undefined;
			if (error) job.errors.push(batch ? batchWriteError(i, error) : error);
		});
		if (job.errors.length > 0) job.outcome = 'FAILURE';
		else for (const key of keys) this.postedKeys.add(key);
		this.jobs.set(job.id, job);
		this.pending.push(job);
		this.onJobCreated?.(job);
		inputs.forEach((input, i) => {
			if (kind === 'resident_payment') this.ledger.push({ jobId: job.id, payment: input, at: now });
			else if (batch)
				this.chargeLedger.push({ jobId: job.id, charge: input, at: now, batchIndex: i });
			else this.chargeLedger.push({ jobId: job.id, charge: input, at: now });
		});
		return job;
	}

	/** Finishes due jobs; successful ones become records (as if a sync had picked them up). */
	settle(now: number): void {
		if (this.pending.length === 0 || this.pending[0].dueAt > now) return;
		const due = this.pending.filter((j) => j.dueAt <= now);
		this.pending = this.pending.filter((j) => j.dueAt > now);
		for (const job of due) {
			job.settled = true;
			const records: Array<ResidentPayment | ResidentCharge> = [];
			if (job.outcome === 'SUCCESS') {
				for (const input of job.inputs) {
					if (job.kind === 'resident_payment') {
						const record = this.paymentRecord(input, now);
						this.createdPayments.push(record);
						records.push(record);
					} else {
						const record = this.chargeRecord(input, now);
						this.createdCharges.push(record);
						records.push(record);
					}
				}
			}
			this.onSettled?.(job, records);
		}
	}

	writeStatus(job: WriteJob): 'PENDING' | 'SUCCESS' | 'FAILURE' {
		return job.settled ? job.outcome : 'PENDING';
	}

	reset(): void {
		this.requests.length = 0;
		this.ledger.length = 0;
		this.chargeLedger.length = 0;
		this.jobs.clear();
		this.pending = [];
		this.postedKeys.clear();
		this.createdPayments = [];
		this.createdCharges = [];
		this.nextRequestId = 1;
	}

	private transactionBase(input: Record<string, unknown>, now: number) {
		const resident = this.residents.get(String(input.resident_id))!;
		const facts = this.seed.residentFacts.get(resident.id)!;
		const property = this.properties.get(resident.property_id)!;
		const created = new Date(now).toISOString();
		const transactionDate = new Date(String(input.transaction_date)).toISOString();
		const amount = Number(input.amount_in_cents);
		return {
			id: randomUUID(),
			created_at: created,
			updated_at: created,
			last_seen: created,
			x_id: randomUUID().toUpperCase(),
			x_property_id: property.x_id,
			x_gl_account_id: null,
			x_location_id: null,
			x_lease_id: resident.x_lease_id,
			x_resident_id: resident.x_id,
			x_unit_id: null,
			x_charge_code_id: null,
			amount_in_cents: amount,
			amount_raw: (amount / 100).toFixed(2),
			description: String(input.description),
			reference_number: String(input.reference_number),
			transaction_date: transactionDate,
			post_month: transactionDate.slice(0, 7),
			custom_data: { batch_id: input.batch_id, notes: input.notes },
			integration_id: resident.integration_id,
			integration_vendor: resident.integration_vendor,
			property_id: resident.property_id,
			resident_id: resident.id,
			financial_account_id: null,
			unit_id: facts.unitId,
			lease_id: resident.leases_meta_data[0]?.lease_id ?? null,
			allocations: [],
		};
	}

	private paymentRecord(input: Record<string, unknown>, now: number): ResidentPayment {
		const type = String(input.payment_type) as PaymentType;
		const record: ResidentPayment = {
			...this.transactionBase(input, now),
			name: 'Payment',
			is_open: false,
			charge_code_id: null,
			payment_method_normalized: PAYMENT_TYPES[type] ?? 'OTHER',
			payment_method_raw: type,
		};
		return orderLike(record, this.seed.payments[0]);
	}

	private chargeRecord(input: Record<string, unknown>, now: number): ResidentCharge {
		const base = this.transactionBase(input, now);
		const code = this.chargeCodes.get(String(input.charge_code_id));
		const record: ResidentCharge = {
			...base,
			x_charge_code_id: code?.x_id ?? null,
			name: code?.name ?? null,
			is_open: true,
			charge_code_id: code?.id ?? null,
			amount_open_in_cents: base.amount_in_cents,
			amount_open_raw: base.amount_raw,
			amount_paid_in_cents: 0,
			amount_paid_raw: '0.00',
			due_date: base.transaction_date,
			transaction_source: 'API',
		};
		return orderLike(record, this.seed.charges[0]);
	}
}

/** Same key order as the seeded (synced) records. */
function orderLike<T extends object>(record: T, sample: T | undefined): T {
	const order = sample ? Object.keys(sample) : [];
	return Object.fromEntries(
		[...order, ...Object.keys(record)].map((k) => [k, record[k as keyof T]]),
	) as T;
}
