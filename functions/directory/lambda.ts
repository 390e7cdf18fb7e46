import { handle } from 'hono/aws-lambda';
import { directory } from './app.ts';

export const handler = handle(directory.app);
