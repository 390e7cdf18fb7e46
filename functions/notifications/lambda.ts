import { httpHandler } from '../shared/lambda.ts';
import { notifications } from './app.ts';

export const handler = httpHandler(notifications.app);
