import { createDomain } from '../shared/http.ts';
import { closeRoutes } from './close/routes.ts';
import { collectionRoutes } from './collection/routes.ts';
import { deliveryRoutes } from './delivery/routes.ts';
import { fundRoutes } from './fund/routes.ts';
import { paymentRoutes } from './payments/routes.ts';
import { reportRoutes } from './reports/routes.ts';
import { billRunRoutes } from './run/routes.ts';
import { shiftRoutes } from './shifts/routes.ts';
import { standardsRoutes } from './standards/routes.ts';

export const billing = createDomain('billing');

closeRoutes(billing);
reportRoutes(billing);
fundRoutes(billing);
standardsRoutes(billing);
billRunRoutes(billing);
deliveryRoutes(billing);
collectionRoutes(billing);
paymentRoutes(billing);
shiftRoutes(billing);
