import { httpHandler } from '../../../functions/shared/lambda.ts';
import { notifications } from './app.ts';

// The real entry's wrapper (origin check, log context, metrics flush); it takes any Hono app.
export const handler = httpHandler(notifications.app as never);
