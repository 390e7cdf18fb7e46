/** Messages of the ledger's "nothing typed is lost" parts: an unmatched room, the clear confirm, the draft. */
export const zh = {
  'ledgerRoom.unmatched': '没有找到房号 {q}',
  'ledgerRoom.choose': '请选择一个房号，或不关联房号登记（保留输入的“{q}”）',
  'ledgerRoom.suggestions': '相近的房号',
  'ledgerRoom.without': '不关联房号登记，保留“{q}”',
  'ledgerRoom.flag': '未匹配房号 · 按输入“{q}”记录，不关联房屋',
  'ledgerRoom.mustChoose': '房号“{q}”没有找到：请选择一个房号，或选择不关联房号登记',
  'ledgerRoom.typedBadge': '未匹配',
  'ledgerRoom.typedOnTicket': '{q}（未匹配房号，按来电人所说记录）',
  'ledgerClear.ask': '清空这条未登记的来电？',
  'ledgerClear.confirm': '清空',
  'ledgerClear.keep': '继续填写',
  'ledgerClear.done': '已清空这条来电。',
  'ledgerClear.undo': '撤销',
  'ledgerDraft.restored': '已恢复上次未登记完的来电。',
};

export const en: Record<keyof typeof zh, string> = {
  'ledgerRoom.unmatched': 'No room {q} found',
  'ledgerRoom.choose': 'Pick a room, or record the call without one (keeping “{q}” as typed)',
  'ledgerRoom.suggestions': 'Similar rooms',
  'ledgerRoom.without': 'Record without a room, keeping “{q}”',
  'ledgerRoom.flag': 'Unmatched room · recorded as typed (“{q}”), linked to no unit',
  'ledgerRoom.mustChoose': 'Room “{q}” was not found: pick a room, or choose to record without one',
  'ledgerRoom.typedBadge': 'unmatched',
  'ledgerRoom.typedOnTicket': '{q} (unmatched room, as the caller gave it)',
  'ledgerClear.ask': 'Clear this unrecorded call?',
  'ledgerClear.confirm': 'Clear',
  'ledgerClear.keep': 'Keep typing',
  'ledgerClear.done': 'The call was cleared.',
  'ledgerClear.undo': 'Undo',
  'ledgerDraft.restored': 'The call you had not finished recording was restored.',
};
