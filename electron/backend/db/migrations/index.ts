import * as m0001 from './0001_foundation';
import * as m0002 from './0002_providers';
import * as m0003 from './0003_intake';
import * as m0004 from './0004_hardening';
import * as m0005 from './0005_referrals';
import * as m0006 from './0006_provider_words';
import * as m0007 from './0007_reports';
import * as m0008 from './0008_milestones';
import * as m0009 from './0009_performance';
import * as m0010 from './0010_report_speed';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Numbered, append-only. A database's `user_version` is the last one applied. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'foundation', sql: m0001.sql },
  { version: 2, name: 'providers', sql: m0002.sql },
  { version: 3, name: 'intake', sql: m0003.sql },
  { version: 4, name: 'hardening', sql: m0004.sql },
  { version: 5, name: 'referrals', sql: m0005.sql },
  { version: 6, name: 'provider_words', sql: m0006.sql },
  { version: 7, name: 'reports', sql: m0007.sql },
  { version: 8, name: 'milestones', sql: m0008.sql },
  { version: 9, name: 'performance', sql: m0009.sql },
  { version: 10, name: 'report_speed', sql: m0010.sql },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
