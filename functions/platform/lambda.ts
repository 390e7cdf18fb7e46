import { domains } from '../domains.ts';
import { httpHandler } from '../shared/lambda.ts';
import { createPlatform } from './app.ts';

export const handler = httpHandler(createPlatform(() => Promise.all(domains.map((d) => d.load()))).app);
