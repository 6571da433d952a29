import { describe, expect, it } from 'vitest';
import { contract, type ProcedureName } from '../../shared/contract';
import type { AuditEntry } from '../../shared/contract/audit';
import { ACTION_LABELS, actionLabel, auditableActions, EVENT_ACTIONS } from '../../renderer/src/audit/actions';
import { describeEntry } from '../../renderer/src/audit/describe';
import { setUpApp } from './helpers';

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  seq: 1,
  at: '2026-11-28T15:00:00Z',
  userId: null,
  username: 'admin',
  action: 'settings.update',
  outcome: 'success',
  targetType: null,
  targetId: null,
  detail: {},
  ...over,
});

describe('audit log in plain words', () => {
  it('every procedure and every event has a plain label (a new procedure must add one)', () => {
    for (const name of [...(Object.keys(contract) as ProcedureName[]), ...EVENT_ACTIONS]) {
      const label = ACTION_LABELS[name];
      expect(label, name).toBeTruthy();
      expect(label, name).not.toBe(name);
      expect(label, name).not.toMatch(/^[a-z]+\.[a-zA-Z]+$/);
    }
    // The filter offers labels only, never a raw procedure name.
    for (const action of auditableActions()) expect(actionLabel(action)).not.toBe(action);
  });

  it('details read as sentences, with usernames instead of ids', async () => {
    expect(describeEntry(entry({ detail: { changed: 'idleLockMinutes', idleLockMinutes: 1 } }), {}).sentence).toBe(
      'Changed the inactivity lock (now 1 minute).',
    );
    expect(describeEntry(entry({ action: 'auth.lock', detail: { reason: 'idle' } }), {}).sentence).toBe(
      'Locked after a period without activity.',
    );
    expect(
      describeEntry(
        entry({
          action: 'users.update',
          targetType: 'user',
          targetId: 'u-1',
          detail: { fromRole: 'officer', toRole: 'coordinator' },
        }),
        {
          'u-1': 'jdoe',
        },
      ),
    ).toEqual({ sentence: 'Role changed from Officer to Coordinator.', target: { text: 'User jdoe' } });
    expect(
      describeEntry(
        entry({ action: 'people.update', targetType: 'person', targetId: 'p-1', detail: { fields: 'zip,phone', count: 2 } }),
        {},
      ),
    ).toEqual({
      sentence: 'Changed ZIP code and phone.',
      target: { text: 'Person record', href: '/people/p-1' },
    });
    expect(describeEntry(entry({ action: 'users.list', outcome: 'denied', detail: { role: 'officer' } }), {}).sentence).toBe(
      'Refused: the Officer role may not do this.',
    );

    expect(
      describeEntry(
        entry({
          action: 'milestones.update',
          targetType: 'milestone',
          targetId: 'm-1',
          detail: { fields: 'status,completedOn,evidence', status: 'done' },
        }),
        {},
      ),
    ).toEqual({ sentence: 'Changed status, completion date and evidence (now done).', target: { text: 'Programme milestone' } });
    expect(
      describeEntry(
        entry({
          action: 'participants.record',
          targetType: 'person',
          targetId: 'p-1',
          detail: { kind: 'retention', checkDays: 30 },
        }),
        {},
      ).sentence,
    ).toBe('Retention check (30 days).');
    expect(
      describeEntry(
        entry({ action: 'tta.saveAnswers', targetType: 'tta_quarter', targetId: '2026-Q4', detail: { changed: 3 } }),
        {},
      ),
    ).toEqual({ sentence: '3 answers changed.', target: { text: 'TTA metrics, 2026-Q4' } });

    // The backend names the users an entry refers to, so the window never shows a bare id.
    const app = await setUpApp();
    const { user } = await app.call('users.create', {
      username: 'jdoe',
      displayName: 'J. Doe',
      role: 'officer',
      password: 'QWXZ7-KMPT3-RVNB8',
    });
    const page = await app.call('audit.list', { limit: 10, action: 'users.create' });
    expect(page.entries[0]?.targetId).toBe(user.id);
    expect(page.users[user.id]).toBe('jdoe');
    expect(describeEntry(page.entries[0]!, page.users)).toEqual({ sentence: 'Role: Officer.', target: { text: 'User jdoe' } });
  });
});
