/**
 * The demo accounts a newcomer needs to carry one repair from the call to its close in one property
 * (静安悦府, code shja), plus head office and another property's desk to see the tenancy. The start-up
 * banner prints this list and a unit test keeps the README's table the same.
 */
export const demoGuide = [
  {
    login: 'frontdesk.shja',
    who: 'front desk (前台客服), 静安悦府',
    does: 'takes the call in 来电登记, verifies and dispatches the repair; later records the acceptance, makes the 回访 follow-up call and closes it',
  },
  {
    login: 'tech.shja',
    who: 'technician (维修技术员), 静安悦府',
    does: 'opens 我的工单 (made for a phone), starts the job and completes it with photos',
  },
  {
    login: 'manager.shja',
    who: 'property manager (项目经理), 静安悦府',
    does: 'receives urgent complaints at once, sets SLA standards, marks the week’s ledger reviewed',
  },
  {
    login: 'lead.shja',
    who: 'front-desk team lead (客服主管), 静安悦府',
    does: 'marks each day’s ledger reviewed',
  },
  {
    login: 'hq',
    who: 'head office (总部), every property',
    does: 'compares open, overdue and breached tickets, follow-up rate and satisfaction across properties',
  },
  {
    login: 'frontdesk.shpd',
    who: 'front desk, 浦东滨江苑',
    does: 'another property: sees none of 静安悦府’s records',
  },
] as const;
