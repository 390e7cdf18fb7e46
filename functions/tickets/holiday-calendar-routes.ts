import type { Domain } from '../shared/http.ts';
import { jsonBody, ok } from '../shared/openapi.ts';
import {
  enterHolidayYear,
  holidayCalendarView,
  holidayYearInput,
  readHolidayCalendar,
} from '../sla/holiday-years.ts';

/** The company's holiday calendar (../sla/holiday-years.ts): read by anyone, entered by head office. */
export function holidayCalendarRoutes(domain: Domain) {
  domain.route(
    {
      method: 'get',
      path: '/holiday-calendar',
      operationId: 'getHolidayCalendar',
      summary: 'Read which years’ official holidays the office calendar knows, and those head office entered',
      permission: 'property.read',
      responses: ok(
        holidayCalendarView,
        'Last year to two years ahead, each with where its holidays come from',
      ),
    },
    async (c) => c.json(await readHolidayCalendar({})),
  );
  domain.route(
    {
      method: 'put',
      path: '/holiday-calendar',
      operationId: 'enterHolidayYear',
      summary: 'Enter a year’s official holidays and make-up workdays from the State Council’s notice',
      permission: 'calendar.configure',
      errors: {
        409: 'The year was changed by someone else (send the version read)',
        422: 'The package already has the year, a date is outside it or listed twice, or a make-up workday is a weekday',
      },
      request: { ...jsonBody(holidayYearInput) },
      responses: ok(holidayCalendarView, 'The calendar after the change'),
    },
    async (c) => {
      await enterHolidayYear(c.req.valid('json'));
      return c.json(await readHolidayCalendar({}));
    },
  );
}
