import { httpHandler } from '../shared/lambda.ts';
import { billing } from './app.ts';

export const handler = httpHandler(billing.app);
