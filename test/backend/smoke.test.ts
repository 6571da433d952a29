import { describe, expect, it } from 'vitest';
import { setUpApp } from './helpers';

describe('smoke', () => {
  it('sets up and logs in', async () => {
    const app = await setUpApp();
    const status = await app.call('system.status', {});
    expect(status.tables.users).toBe(1);
    expect(status.schemaVersion).toBe(status.appSchemaVersion);
  });
});
