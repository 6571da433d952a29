import { describe, expect, it } from 'vitest';
import { setUpApp } from './helpers';
import { dumpDirectory, jsonExample, referenceFiles, unzipBase64, zipBase64 } from './providersFixtures';

const COUNSELLING = 'ac148810-d857-441c-9679-408f346de14b';

describe('HSDS import', () => {
  it('imports the specification tabular example', async () => {
    const app = await setUpApp();
    const content = zipBase64(referenceFiles());
    const preview = await app.call('providers.importPreview', { fileName: 'hsds.zip', contentBase64: content });
    console.log(JSON.stringify(preview, null, 1).slice(0, 4000));
    const result = await app.call('providers.import', { fileName: 'hsds.zip', contentBase64: content });
    expect(result.committed).toBe(true);
    const detail = await app.call('providers.get', { id: COUNSELLING });
    console.log(JSON.stringify(detail, null, 1).slice(0, 3000));
    const exp = await app.call('providers.export', {});
    const files = unzipBase64(exp.contentBase64);
    console.log(Object.keys(files), files['services.csv'], files['schedules.csv']);
    const again = await app.call('providers.import', { fileName: 'again.zip', contentBase64: exp.contentBase64 });
    console.log(again.totals, again.errors);
    for (const f of ['organization_full.json', 'service_full.json', 'service_at_location_full.json', 'organization_list.json', 'service_list.json']) {
      const b = await setUpApp();
      const r = await b.call('providers.import', { fileName: f, contentBase64: jsonExample(f) });
      console.log(f, r.committed, r.totals, r.errors.slice(0, 5), r.warnings.slice(0, 5));
    }
    expect(dumpDirectory(app).service.length).toBe(1);
  });
});
