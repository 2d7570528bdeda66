import { paymentPosts, runPaymentNode, samplePayment } from '../harness/paymentWorkflow';
import { useEmulator } from '../harness/useEmulator';

const emulator = useEmulator({
	rateLimit: { limit: 150, windowMs: 60_000, slowdownRatio: 0.8, slowdownMs: 0 },
	writeStatusDelayMs: 50,
});

/** A first run on the credential, so that its rate limiter knows the window has room. */
async function warmUp(credentialId: string) {
	const warm = await runPaymentNode(emulator, { items: [samplePayment()], credentialId });
	expect(warm.error).toBeUndefined();
	emulator.reset();
}

const badFirst = () => [
	samplePayment({ resident_id: 'no-such-resident' }),
	...Array.from({ length: 20 }, (_, n) => samplePayment({ reference_number: `AFTER-${n}` })),
];

describe('the first payment of a run goes alone', () => {
	it('stops the run after the first payment fails, even when the window has room for all', async () => {
		await warmUp('first-alone-stop');
		const { error } = await runPaymentNode(emulator, {
			items: badFirst(),
			credentialId: 'first-alone-stop',
		});

		expect(error?.message).toMatch(/was not found/);
		expect(paymentPosts(emulator)).toHaveLength(1);
		expect(emulator.ledger).toHaveLength(0);
	});

	it('sends the rest at once after it when the node continues on errors', async () => {
		await warmUp('first-alone-continue');
		const { error, success, errors } = await runPaymentNode(emulator, {
			items: badFirst(),
			credentialId: 'first-alone-continue',
			onError: 'continueErrorOutput',
		});

		expect(error).toBeUndefined();
		expect(errors).toHaveLength(1);
		expect(success).toHaveLength(20);
		expect(emulator.ledger).toHaveLength(20);
	});
});
