/**
 * The front desk's enumerations, kept free of zod so that the dashboard can import the lists themselves
 * (its ledger form and labels) without bundling a schema library. The schemas build their enums from these.
 */
export const contactChannels = ['visit', 'phone', 'hotline', 'letter', 'online'] as const;
export const contactCategories = [
  'repair',
  'complaint',
  'inquiry',
  'suggestion',
  'praise',
  'message',
  'other',
] as const;
export const ticketKindNames = ['repair', 'complaint', 'inquiry'] as const;
/** What a complaint is about (the complaint machine's `category`). */
export const complaintCategories = [
  'service',
  'facilities',
  'environment',
  'security',
  'billing',
  'renovation',
  'neighbours',
  'other',
] as const;
export const infoCategories = ['utilities', 'police', 'medical', 'government', 'property', 'other'] as const;
