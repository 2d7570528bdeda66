/**
 * The quick demo: starts the local Propexo emulator, runs Test Items → ResMan Payment (Create)
 * through n8n's own engine with three sample payments and one bad one, and prints what Propexo
 * received and what the node output. `npm run dev` does the same in a real n8n with its editor.
 */
import { SEED, startEmulator } from '../test/emulator';
import { runPaymentNode, samplePayment } from '../test/harness/paymentWorkflow';

async function main() {
	const emulator = await startEmulator({ writeStatusDelayMs: 200 });
	console.log(`Propexo emulator on ${emulator.url} (token ${emulator.token})\n`);
	try {
		const items = [
			samplePayment({
				reference_number: 'DEMO-1001',
				amount_in_cents: 125000,
				payment_type: 'ACH',
			}),
			samplePayment({
				reference_number: 'DEMO-1002',
				amount_in_cents: 4550,
				payment_type: 'Check',
			}),
			samplePayment({
				reference_number: 'DEMO-1003',
				amount_in_cents: 9900,
				payment_type: 'Credit Card',
			}),
			samplePayment({ reference_number: 'DEMO-BAD', amount_in_cents: '12.50' }),
		];
		const { success, errors, error } = await runPaymentNode(emulator, {
			items,
			onError: 'continueErrorOutput',
		});
		if (error) throw new Error(error.message);

		console.log(`Propexo recorded ${emulator.ledger.length} payment(s):`);
		for (const { jobId, payment } of emulator.ledger) {
			console.log(`  ${jobId}  ${JSON.stringify(payment)}`);
		}
		console.log(`\nNode output (${success.length} item(s)):`);
		for (const item of success) console.log(`  ${JSON.stringify(item.json)}`);
		console.log(`\nError output (${errors.length} item(s)):`);
		for (const item of errors) {
			console.log(`  ${String(item.json.reference_number)}: ${String((item.json.error as { message?: string }).message)}`);
		}
		console.log(`\nIntegration ${SEED.primaryIntegrationId}, resident ${SEED.primaryResidentId}.`);
	} finally {
		await emulator.close();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});
