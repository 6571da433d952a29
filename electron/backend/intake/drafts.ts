import type { intakeContract } from '../../../shared/contract/intake';
import type { HandlersFor } from '../router';

type DraftHandlers = Pick<HandlersFor<typeof intakeContract>, 'drafts.save' | 'drafts.get' | 'drafts.list' | 'drafts.discard'>;

/**
 * Drafts are one user's unfinished forms, kept in the encrypted database so that a crash, a forced quit
 * or a lock loses at most a few seconds. Every query filters on the caller: nobody reads another's draft.
 * Starting a draft and discarding it are audited; the autosaves in between are not (they would flood the log).
 */
export const draftHandlers: DraftHandlers = {
  'drafts.save': {
    async: async (ctx, input) => {
      const userId = ctx.user.id;
      const savedAt = ctx.backend.nowIso();
      const content = JSON.stringify(input.content);
      const exists =
        ctx.db.prepare('SELECT 1 FROM drafts WHERE user_id = ? AND form_key = ?').get(userId, input.formKey) !== undefined;
      const upsert = () =>
        ctx.db
          .prepare(
            `INSERT INTO drafts (user_id, form_key, content, saved_at) VALUES (?, ?, ?, ?)
             ON CONFLICT(user_id, form_key) DO UPDATE SET content = excluded.content, saved_at = excluded.saved_at`,
          )
          .run(userId, input.formKey, content, savedAt);
      if (exists) {
        upsert();
        ctx.skipAudit();
      } else {
        ctx.audit.targetType = 'draft';
        ctx.audit.detail = { formKey: input.formKey.split(':')[0]! };
        ctx.tx(upsert);
      }
      return { savedAt };
    },
  },

  'drafts.get': (ctx, input) => {
    ctx.audit.targetType = 'draft';
    ctx.audit.detail = { formKey: input.formKey.split(':')[0]!, found: false };
    const row = ctx.db
      .prepare('SELECT content, saved_at FROM drafts WHERE user_id = ? AND form_key = ?')
      .get(ctx.user.id, input.formKey) as { content: string; saved_at: string } | undefined;
    ctx.audit.detail.found = row !== undefined;
    return { draft: row ? { content: JSON.parse(row.content) as Record<string, never>, savedAt: row.saved_at } : null };
  },

  'drafts.list': (ctx) => {
    const rows = ctx.db
      .prepare('SELECT form_key AS formKey, saved_at AS savedAt FROM drafts WHERE user_id = ? ORDER BY saved_at DESC')
      .all(ctx.user.id) as {
      formKey: string;
      savedAt: string;
    }[];
    return { drafts: rows };
  },

  'drafts.discard': (ctx, input) => {
    ctx.audit.targetType = 'draft';
    ctx.audit.detail = { formKey: input.formKey.split(':')[0]! };
    ctx.db.prepare('DELETE FROM drafts WHERE user_id = ? AND form_key = ?').run(ctx.user.id, input.formKey);
    return {};
  },
};
