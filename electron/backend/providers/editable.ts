import type { HsdsRecord } from '../../../shared/contract/hsdsSpec';

const PLAIN_DAY = /^(MO|TU|WE|TH|FR|SA|SU)$/;
const PLAIN_TIME = /^([01]\d|2[0-3]):[0-5]\d(:00)?$|^24:00(:00)?$/;

/**
 * A schedule the edit form can show and write back as "day, opens, closes": weekly opening hours of
 * the service itself, with no validity dates, offsets or notes. Anything richer (imported recurrence
 * rules, per-location hours) is shown read-only and left untouched by an edit.
 */
export function isEditableSchedule(r: HsdsRecord): boolean {
  const empty = (k: string) => r[k] === null || r[k] === undefined;
  return (
    !empty('service_id') &&
    [
      'location_id',
      'service_at_location_id',
      'valid_from',
      'valid_to',
      'dtstart',
      'until',
      'count',
      'timezone',
      'bymonthday',
      'byweekno',
      'byyearday',
      'description',
      'notes',
    ].every(empty) &&
    (empty('freq') || r.freq === 'WEEKLY') &&
    (empty('interval') || r.interval === 1) &&
    typeof r.byday === 'string' &&
    r.byday.split(',').every((d) => PLAIN_DAY.test(d)) &&
    typeof r.opens_at === 'string' &&
    PLAIN_TIME.test(r.opens_at) &&
    typeof r.closes_at === 'string' &&
    PLAIN_TIME.test(r.closes_at)
  );
}
