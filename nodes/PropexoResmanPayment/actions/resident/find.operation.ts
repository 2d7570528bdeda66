import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { forEachItem } from '../../../shared/reads/readOne';
import { integrationLocator, propertyLocatorWith } from '../../../shared/locators';
import { ResidentDirectory } from '../../../shared/residents/directory';
import type { LookupMode } from '../../../shared/residents/identifiers';
import { checkIdentifier } from '../../../shared/residents/identifiers';
import { leasesOf, residentsOfUnit } from '../../../shared/residents/leases';
import { readRequestOptions } from '../../../shared/transport/requestOptions';
import type { FieldContext } from '../../../shared/validation/fields';
import { requiredText } from '../../../shared/validation/fields';

const VALUE_FIELDS: Record<LookupMode, [name: string, label: string]> = {
	resmanId: ['resmanResidentId', 'ResMan Resident ID'],
	email: ['email', 'Email'],
	phone: ['phone', 'Phone'],
};

const properties: INodeProperties[] = [
	{ ...integrationLocator, description: 'The ResMan integration to look the resident up in' },
	{
		displayName: 'Find By',
		name: 'findBy',
		type: 'options',
		default: 'resmanId',
		options: [
			{ name: 'Email', value: 'email' },
			{ name: 'Phone', value: 'phone' },
			{ name: 'Property and Unit Number', value: 'unit' },
			{ name: 'ResMan Resident ID', value: 'resmanId' },
		],
		description: 'What the input knows of the resident',
	},
	{
		displayName: 'ResMan Resident ID',
		name: 'resmanResidentId',
		type: 'string',
		default: '',
		required: true,
		placeholder: "e.g. ResMan's resident ID from your portal",
		displayOptions: { show: { findBy: ['resmanId'] } },
	},
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. name@email.com',
		displayOptions: { show: { findBy: ['email'] } },
	},
	{
		displayName: 'Phone',
		name: 'phone',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. (555) 201-0042',
		description: 'A 10-digit US number; spaces, dashes, dots, brackets and +1 are fine',
		displayOptions: { show: { findBy: ['phone'] } },
	},
	{
		...propertyLocatorWith({
			displayName: 'Property',
			required: true,
			description: 'The property of the unit',
		}),
		displayOptions: { show: { findBy: ['unit'] }, hide: { integrationId: [''] } },
	},
	{
		...propertyLocatorWith({
			displayName: 'Property (Narrows the Search)',
			description: "Optional: look only among this property's residents",
		}),
		displayOptions: {
			show: { findBy: ['resmanId', 'email', 'phone'] },
			hide: { integrationId: [''] },
		},
	},
	{
		displayName: 'Unit Number',
		name: 'unitNumber',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. 101',
		displayOptions: { show: { findBy: ['unit'] } },
	},
	{
		displayName: 'Current Leases Only',
		name: 'currentLeasesOnly',
		type: 'boolean',
		default: false,
		description:
			'Whether to leave out leases the residents moved out of. Off, every lease Propexo knows is returned, past ones included; with Property and Unit Number it also limits the residents to those on a current lease.',
	},
];

export const description = updateDisplayOptions(
	{ show: { resource: ['resident'], operation: ['find'] } },
	properties,
);

function textParameter(
	context: IExecuteFunctions,
	field: FieldContext,
	name: string,
	label: string,
) {
	return requiredText(field, label, context.getNodeParameter(name, field.itemIndex, ''));
}

function optionalId(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const value = context.getNodeParameter('propertyId', itemIndex, '', { extractValue: true });
	const text = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	return text || undefined;
}

/**
 * Finds the residents one input item names, each output with its leases (`leases`). No match
 * outputs nothing for the item: Find answers who it is, it does not decide who pays.
 */
export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const base = readRequestOptions.call(this);
	const directory = new ResidentDirectory(this, base);
	const node = this.getNode();
	const timezone = this.getTimezone();
	return await forEachItem.call(this, async (itemIndex) => {
		const field = { node, itemIndex, timezone };
		const integrationId = requiredText(
			field,
			'Integration',
			this.getNodeParameter('integrationId', itemIndex, '', { extractValue: true }),
		);
		const findBy = this.getNodeParameter('findBy', itemIndex) as LookupMode | 'unit';
		const currentOnly = this.getNodeParameter('currentLeasesOnly', itemIndex, false) as boolean;
		const query = { integrationId, itemIndex, currentOnly, base };
		let residents: IDataObject[];
		if (findBy === 'unit') {
			const propertyId = requiredText(field, 'Property', optionalId(this, itemIndex) ?? '');
			const unitNumber = textParameter(this, field, 'unitNumber', 'Unit Number');
			residents = await residentsOfUnit.call(this, propertyId, unitNumber, query);
		} else {
			const [name, label] = VALUE_FIELDS[findBy];
			const typed = textParameter(this, field, name, label);
			const value = checkIdentifier(field, findBy, typed);
			const scope = { integrationId, propertyId: optionalId(this, itemIndex) };
			residents = await directory.find(scope, findBy, value, itemIndex);
		}
		const found: IDataObject[] = [];
		for (const resident of residents) {
			found.push({ ...resident, leases: await leasesOf.call(this, String(resident.id), query) });
		}
		return found;
	});
}
