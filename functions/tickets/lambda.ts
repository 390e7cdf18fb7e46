import { handle } from 'hono/aws-lambda';
import { tickets } from './app.ts';

export const handler = handle(tickets.app);
