import type { IDataObject } from 'n8n-workflow';

/** Unit number: Propexo's resident has no unit field; ResMan's shows in the address or lease. */
export function unitOf(resident: IDataObject): string | undefined {
	const leases = Array.isArray(resident.leases_meta_data) ? resident.leases_meta_data : [];
	for (const lease of leases as IDataObject[]) {
		const unit = (lease.custom_data as IDataObject | undefined)?.unit_number;
		if (unit) return `Unit ${String(unit)}`;
	}
	return typeof resident.address_2 === 'string' && resident.address_2
		? resident.address_2
		: undefined;
}

export function nameOf(resident: IDataObject): string | undefined {
	const name = [resident.first_name, resident.last_name].filter(Boolean).join(' ');
	return name || undefined;
}

/** "Maria Gonzalez — Unit 101 — maria@example.com", as the Resident list shows a resident. */
export function residentLabel(resident: IDataObject): string {
	return [nameOf(resident) ?? String(resident.id), unitOf(resident), resident.email_1]
		.filter(Boolean)
		.join(' — ');
}

/** "Maria Gonzalez, Unit 101, Propexo ID 4b1d…": how an ambiguous match names a candidate. */
export function candidateLine(resident: IDataObject): string {
	return [
		nameOf(resident) ?? '(no name)',
		unitOf(resident) ?? '(no unit)',
		`Propexo ID ${String(resident.id)}`,
	].join(', ');
}
