import { complaintMachine } from './complaint.ts';
import { inquiryMachine } from './inquiry.ts';
import { repairMachine } from './repair.ts';

export type { ComplaintAction, ComplaintState, ComplaintTicket } from './complaint.ts';
export type { InquiryAction, InquiryState, InquiryTicket } from './inquiry.ts';
export {
  type ActionDef,
  actionsFrom,
  advance,
  allowedActions,
  apply,
  create,
  type DomainEvent,
  type Machine,
  type MachineEvent,
  type SlaEvent,
  type Transition,
  validateMachine,
} from './machine.ts';
export type { RepairAction, RepairState, RepairTicket } from './repair.ts';
export { complaintMachine, inquiryMachine, repairMachine };

/** The ticket machines keyed by ticket kind. */
export const machines = {
  repair: repairMachine,
  complaint: complaintMachine,
  inquiry: inquiryMachine,
} as const;
export type TicketKind = keyof typeof machines;
