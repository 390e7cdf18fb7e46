/**
 * The holiday-data job (daily): when a year whose official holiday arrangement nobody knows — not in
 * `chinese-days`, not entered by head office (./holiday-years.ts) — begins within 60 days, every
 * head-office member is told once, in-app and by e-mail, to enter it from the State Council's notice.
 * Without it, 1 January and the Spring Festival weekdays would count as office working time.
 *
 * Idempotent per year: the notifications carry `holidays-missing:<year>:<staff>` (notify's guard),
 * and an alert record for the year, written after they went out, ends the year's alerting; a run that
 * failed in between is repeated by the next day's, which sends nobody anything twice.
 */
import { headOfficeStaffIds } from '../directory/staff.ts';
import type { JobPayload, JobResult } from '../jobs/index.ts';
import { notify } from '../notifications/notify.ts';
import { asSystemOf } from '../shared/actor.ts';
import { logger } from '../shared/log.ts';
import { forEachProperty, holidayCalendarStore } from '../shared/store.ts';
import { holidayKeys } from '../shared/table.ts';
import { enteredYears, yearMissingWithin } from './holiday-years.ts';

/** A daily run looks 61 days ahead, so it alerts no later than 60 days before the year begins. */
export const alertDaysAhead = 61;

export async function alertMissingHolidayData(now: Date): Promise<JobResult & { year: number | null }> {
  // Notifications live in a property's partition: head office's are written in the first property's.
  let propertyId: string | undefined;
  await forEachProperty(async (id) => {
    propertyId ??= id;
  });
  if (!propertyId) return { read: 0, changed: 0, year: null };
  const pid = propertyId;
  return asSystemOf(pid, async () => {
    const year = yearMissingWithin(now, alertDaysAhead, await enteredYears(now.getTime()));
    if (year === null) return { read: 1, changed: 0, year };
    const store = holidayCalendarStore();
    if (await store.get(holidayKeys.alert(year), { consistent: true })) return { read: 2, changed: 0, year };
    const recipients = await headOfficeStaffIds();
    for (const recipientId of recipients) {
      await notify({
        propertyId: pid,
        recipientId,
        kind: 'calendar.holidaysMissing',
        title: `${year} 年节假日安排尚未录入`,
        body: `${year} 年 1 月 1 日起的法定节假日和调休上班日还没有数据：请按国务院办公厅通知录入，否则办公时间按普通工作日计时。`,
        en: {
          title: `The holidays of ${year} are not entered yet`,
          body: `There are no public holidays or make-up workdays for ${year} from 1 January: enter them from the State Council's notice, or office hours will count every weekday as a working day.`,
        },
        link: '/holidays',
        subject: { type: 'holiday_year', id: String(year) },
        channels: ['inApp', 'email'],
        idempotencyKey: `holidays-missing:${year}:${recipientId}`,
      });
    }
    await store
      .apply(
        [
          {
            put: {
              ...holidayKeys.alert(year),
              recordType: 'holidayAlert',
              year,
              at: now.toISOString(),
              recipients,
            },
            condition: 'attribute_not_exists(#pk)',
          },
        ],
        {
          action: 'holidays.alert',
          entity: 'holidayYear',
          entityId: String(year),
          before: null,
          after: { recipients: recipients.length },
        },
      )
      .catch((error: unknown) => {
        // Another run wrote it first: the notifications were made once either way.
        logger.info('Holiday alert already recorded', { year, error: error as Error });
      });
    return { read: 2 + recipients.length, changed: recipients.length, year };
  });
}

export const runHolidayDataCheck = (payload: JobPayload) =>
  alertMissingHolidayData(payload.scheduledAt ? new Date(payload.scheduledAt) : new Date());
