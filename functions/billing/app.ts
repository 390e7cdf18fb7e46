/**
 * Billing (收费管理): fee standards, the monthly payment requests, payments and receipts, collection,
 * month close, reports and the maintenance fund. Each part registers its routes here.
 */
import { createDomain } from '../shared/http.ts';

export const billing = createDomain('billing');
