import type { IDataObject } from 'n8n-workflow';

/** The events a builder picks; a choice may stand for several of Propexo's trigger names. */
export const EVENT_TRIGGERS: Record<string, string[]> = {
	WRITE_OPERATION_FAILURE: ['WRITE_OPERATION_FAILURE'],
	DATA_NEW: ['DATA_NEW'],
	DATA_UPDATE: ['DATA_UPDATE'],
	// FIRST_SYNC_COMPLETE is the same news, sent once per job schedule.
	SYNC_COMPLETE: ['SYNC_COMPLETE', 'FIRST_SYNC_COMPLETE'],
	JOB_FAILURE: ['JOB_FAILURE'],
};

export const RECORD_EVENTS = ['DATA_NEW', 'DATA_UPDATE'];

export function triggersFor(events: string[]): string[] {
	return [...new Set(events.flatMap((event) => EVENT_TRIGGERS[event] ?? []))];
}

export interface Delivery {
	/** Propexo's trigger name, e.g. WRITE_OPERATION_FAILURE. */
	event: string;
	data: IDataObject;
}

/**
 * Propexo's envelope is inconsistent: `{ trigger, data: {...} }` in its API reference, flat with
 * `event` at the top in most examples. Both read the same here.
 */
export function readDelivery(body: unknown): Delivery | undefined {
	if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
	const outer = body as IDataObject;
	const inner = outer.data;
	const data =
		inner && typeof inner === 'object' && !Array.isArray(inner) ? (inner as IDataObject) : outer;
	const event = data.event ?? outer.trigger ?? outer.event;
	if (typeof event !== 'string' || event === '') return undefined;
	return { event, data: { ...data, event } };
}

/** The model a record event is about (`object` in Propexo's payload, or its `meta`). */
export function modelOf(data: IDataObject): string | undefined {
	const meta = data.meta as IDataObject | undefined;
	const model = data.object ?? meta?.object ?? data.model;
	return typeof model === 'string' ? model : undefined;
}
