import { httpHandler } from '../shared/lambda.ts';
import { directory } from './app.ts';

export const handler = httpHandler(directory.app);
