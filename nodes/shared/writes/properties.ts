import type { INodeProperties } from 'n8n-workflow';

import type { WriteNoun } from './outcomes';
import { DEFAULT_CONFIRMATION_TIMEOUT_S, DEFAULT_REMEMBER_DAYS } from './settings';

/** "Skip Already Posted": the guard against posting the same record twice across executions. */
export function skipAlreadyPostedProperty(noun: WriteNoun): INodeProperties {
	return {
		displayName: 'Skip Already Posted',
		name: 'skipAlreadyPosted',
		type: 'boolean',
		default: true,
		description: `Whether to skip a ${noun.one} this node already posted: same integration, batch and reference number. Turning this off posts repeats on purpose: a webhook delivered twice or a re-run then records the ${noun.one} twice in ResMan.`,
	};
}

export function postRepeatsNotice(noun: WriteNoun): INodeProperties {
	return {
		displayName: `Repeats are posted: a ${noun.one} with the same integration, batch and reference number as one posted before will be recorded again. Turn "Skip Already Posted" back on after this run.`,
		name: 'postRepeatsNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { skipAlreadyPosted: [false] } },
	};
}

/** The options every write operation shares; the collection keeps its saved name per node. */
export function writeOptions(noun: WriteNoun): INodeProperties[] {
	return [
		{
			displayName: 'Remember Posted For (Days)',
			name: 'rememberDays',
			type: 'number',
			default: DEFAULT_REMEMBER_DAYS,
			typeOptions: { minValue: 1 },
			description: `How long "Skip Already Posted" remembers a ${noun.one}. The memory is kept in the workflow, holds about 10,000 ${noun.many}, and drops the oldest first.`,
		},
		{
			displayName: 'Validate Only',
			name: 'validateOnly',
			type: 'boolean',
			default: false,
			description:
				'Whether to run every check and output the exact body that would be sent, without sending anything',
		},
		{
			displayName: 'Wait for Confirmation',
			name: 'waitForConfirmation',
			type: 'boolean',
			default: false,
			description: `Whether to poll Propexo's write status until ResMan accepted or rejected the ${noun.one}. A rejection becomes an item error; the status is added to the output.`,
		},
		{
			displayName: 'Confirmation Timeout (Seconds)',
			name: 'confirmationTimeout',
			type: 'number',
			default: DEFAULT_CONFIRMATION_TIMEOUT_S,
			typeOptions: { minValue: 1 },
			description: `How long to wait for confirmation. A ${noun.one} still PENDING then is output with write_status PENDING, never posted again.`,
			displayOptions: { show: { waitForConfirmation: [true] } },
		},
	];
}
