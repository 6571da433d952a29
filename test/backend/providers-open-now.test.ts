import { describe, expect, it } from 'vitest';
import { type ScheduleInput, describeHours, openState } from '../../electron/backend/providers/openNow';
import { freshSince, isStale } from '../../electron/backend/providers/settings';

const CHICAGO = 'America/Chicago';

function schedule(over: Partial<ScheduleInput>): ScheduleInput {
  return {
    valid_from: null,
    valid_to: null,
    dtstart: null,
    until: null,
    timezone: null,
    freq: 'WEEKLY',
    interval: null,
    byday: null,
    bymonthday: null,
    opens_at: null,
    closes_at: null,
    ...over,
  };
}

/** A wall-clock time in Chicago, given as its UTC instant (CST is UTC-6 in winter, CDT UTC-5 in summer). */
const at = (iso: string) => new Date(iso);

describe('open now', () => {
  const weekdays = schedule({ byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' });

  it('is judged in the department time zone, across daylight saving', () => {
    // Friday 16:30 CST = 22:30 UTC: open. Friday 17:00 CST: closed.
    expect(openState([weekdays], at('2026-11-27T22:30:00Z'), CHICAGO)).toEqual({
      state: 'open',
      label: 'Open now · until 5:00 PM',
    });
    expect(openState([weekdays], at('2026-11-27T23:00:00Z'), CHICAGO)).toEqual({
      state: 'closed',
      label: 'Closed · opens Mon 9:00 AM',
    });
    // Monday 08:30 CDT (summer) = 13:30 UTC: not yet open; 09:00 CDT = 14:00 UTC: open.
    expect(openState([weekdays], at('2026-06-01T13:30:00Z'), CHICAGO)).toEqual({
      state: 'closed',
      label: 'Closed · opens today 9:00 AM',
    });
    expect(openState([weekdays], at('2026-06-01T14:00:00Z'), CHICAGO).state).toBe('open');
    // The same instant is 07:00 in Los Angeles.
    expect(openState([weekdays], at('2026-06-01T14:00:00Z'), 'America/Los_Angeles').state).toBe('closed');
  });

  it('handles hours that run past midnight', () => {
    const nights = schedule({ byday: 'FR,SA', opens_at: '22:00', closes_at: '06:00' });
    // Friday 23:00 CST.
    expect(openState([nights], at('2026-11-28T05:00:00Z'), CHICAGO)).toEqual({
      state: 'open',
      label: 'Open now · until 6:00 AM tomorrow',
    });
    // Saturday 03:00 CST: still Friday night's shift.
    expect(openState([nights], at('2026-11-28T09:00:00Z'), CHICAGO)).toEqual({
      state: 'open',
      label: 'Open now · until 6:00 AM',
    });
    // Monday 03:00 CST: Sunday is not in the list, so closed.
    expect(openState([nights], at('2026-11-30T09:00:00Z'), CHICAGO).state).toBe('closed');
  });

  it('treats back-to-back days as one stretch', () => {
    const always = schedule({ opens_at: '00:00', closes_at: '24:00' });
    expect(openState([always], at('2026-11-27T22:30:00Z'), CHICAGO)).toEqual({ state: 'open', label: 'Open 24 hours' });
    const weekend = schedule({ byday: 'FR,SA', opens_at: '00:00', closes_at: '24:00' });
    // Friday 10:00 CST: open through Saturday night.
    expect(openState([weekend], at('2026-11-27T16:00:00Z'), CHICAGO)).toEqual({
      state: 'open',
      label: 'Open now · until Sun 12:00 AM',
    });
    // Split shifts on the same day: the morning closes at noon, the afternoon opens at 13:00.
    const split = [
      schedule({ byday: 'MO', opens_at: '08:00', closes_at: '12:00' }),
      schedule({ byday: 'MO', opens_at: '13:00', closes_at: '17:00' }),
    ];
    expect(openState(split, at('2026-11-30T17:00:00Z'), CHICAGO)).toEqual({ state: 'open', label: 'Open now · until 12:00 PM' });
    expect(openState(split, at('2026-11-30T18:30:00Z'), CHICAGO)).toEqual({
      state: 'closed',
      label: 'Closed · opens today 1:00 PM',
    });
  });

  it('honours an explicit UTC offset on the times and the numeric timezone field', () => {
    const utc = schedule({ byday: 'MO', opens_at: '14:00Z', closes_at: '16:00Z' });
    expect(openState([utc], at('2026-11-30T15:00:00Z'), CHICAGO).state).toBe('open');
    const eastern = schedule({ byday: 'MO', opens_at: '09:00-05:00', closes_at: '10:00-05:00' });
    expect(openState([eastern], at('2026-11-30T14:30:00Z'), CHICAGO).state).toBe('open');
    const offset = schedule({ byday: 'MO', opens_at: '09:00', closes_at: '10:00', timezone: -5 });
    expect(openState([offset], at('2026-11-30T14:30:00Z'), CHICAGO).state).toBe('open');
  });

  it('follows monthly rules, intervals and validity dates', () => {
    // Second Tuesday of the month; 8 December 2026 is one.
    const second = schedule({ freq: 'MONTHLY', byday: '2TU', opens_at: '10:00', closes_at: '12:00' });
    expect(openState([second], at('2026-12-08T17:00:00Z'), CHICAGO).state).toBe('open');
    expect(openState([second], at('2026-12-15T17:00:00Z'), CHICAGO).state).toBe('closed');
    // Last Friday: 25 December 2026.
    const last = schedule({ freq: 'MONTHLY', byday: '-1FR', opens_at: '10:00', closes_at: '12:00' });
    expect(openState([last], at('2026-12-25T17:00:00Z'), CHICAGO).state).toBe('open');
    expect(openState([last], at('2026-12-18T17:00:00Z'), CHICAGO).state).toBe('closed');
    // The 1st and the last day of each month.
    const days = schedule({ freq: 'MONTHLY', bymonthday: '1,-1', opens_at: '10:00', closes_at: '12:00' });
    expect(openState([days], at('2026-11-30T17:00:00Z'), CHICAGO).state).toBe('open');
    expect(openState([days], at('2026-11-29T17:00:00Z'), CHICAGO).state).toBe('closed');
    // Fortnightly from Monday 2 November 2026.
    const fortnightly = schedule({ byday: 'MO', interval: 2, dtstart: '2026-11-02', opens_at: '10:00', closes_at: '12:00' });
    expect(openState([fortnightly], at('2026-11-16T17:00:00Z'), CHICAGO).state).toBe('open');
    expect(openState([fortnightly], at('2026-11-23T17:00:00Z'), CHICAGO).state).toBe('closed');
    // Winter hours that ended.
    const expired = schedule({ byday: 'MO', valid_to: '2026-03-31', opens_at: '10:00', closes_at: '12:00' });
    expect(openState([expired], at('2026-11-30T17:00:00Z'), CHICAGO)).toEqual({ state: 'closed', label: 'Closed' });
  });

  it('says "hours not listed" rather than guessing', () => {
    expect(openState([], at('2026-11-30T17:00:00Z'), CHICAGO)).toEqual({ state: 'unknown', label: 'Hours not listed' });
    expect(openState([schedule({ byday: 'MO' })], at('2026-11-30T17:00:00Z'), CHICAGO).state).toBe('unknown');
  });

  it('describes weekly hours in words', () => {
    expect(describeHours(weekdays)).toBe('Mon–Fri 9:00 AM–5:00 PM');
    expect(describeHours(schedule({ byday: 'SA,SU', opens_at: '10:00:00', closes_at: '14:00:00' }))).toBe(
      'Sat, Sun 10:00 AM–2:00 PM',
    );
    expect(describeHours(schedule({ opens_at: '00:00', closes_at: '24:00' }))).toBe('Every day 24 hours');
    expect(describeHours(schedule({ byday: 'MO', opens_at: '09:00-05:00', closes_at: '10:00-05:00' }))).toBe(
      'Mon 9:00 AM–10:00 AM (UTC-05:00)',
    );
  });
});

describe('stale listings', () => {
  it('are those verified before the configured number of months ago, or never', () => {
    expect(freshSince('2026-11-28', 6)).toBe('2026-05-28');
    expect(freshSince('2026-08-31', 6)).toBe('2026-02-28');
    expect(freshSince('2026-03-15', 6)).toBe('2025-09-15');
    expect(isStale('2026-05-27', '2026-05-28')).toBe(true);
    expect(isStale('2026-05-28', '2026-05-28')).toBe(false);
    expect(isStale(null, '2026-05-28')).toBe(true);
  });
});
