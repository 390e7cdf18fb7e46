/** The collection records' items: every key computed from the record each time it is written. */
import type { Item } from '../../shared/store.ts';
import { billingIndexKeys, billingKeys } from '../../shared/table.ts';
import type { CollectionTask, CollectionVisit } from './records.ts';

/** A collection task: on its building's worklist while open. */
export function collectionTaskItem(task: CollectionTask): Item {
  const { propertyId: pid, period, householdId } = task;
  return {
    ...billingKeys.collectionTask(pid, period, householdId),
    recordType: 'collectionTask',
    ...task,
    ...(task.state === 'open'
      ? billingIndexKeys.openCollectionTasks(pid, task.buildingId, task.roomCode, period, householdId)
      : {}),
  };
}

export function collectionVisitItem(visit: CollectionVisit): Item {
  return {
    ...billingKeys.collectionVisit(visit.propertyId, visit.householdId, visit.period, visit.id),
    recordType: 'collectionVisit',
    ...visit,
  };
}
