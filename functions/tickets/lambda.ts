import { httpHandler } from '../shared/lambda.ts';
import { tickets } from './app.ts';

export const handler = httpHandler(tickets.app);
