import { handle } from 'hono/aws-lambda';
import { notifications } from './app.ts';

export const handler = handle(notifications.app);
