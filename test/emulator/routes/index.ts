import type { Route } from '../router';
import { integrationRoutes } from './integrations';
import { lookupRoutes } from './lookups';
import { transactionRoutes } from './transactions';
import { writeRoutes } from './writes';

/** Every API route the emulator serves (all need `Authorization: Bearer <token>`). */
export const apiRoutes: Route[] = [
	...integrationRoutes,
	...lookupRoutes,
	...transactionRoutes,
	...writeRoutes,
];
