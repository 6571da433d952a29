import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { organizationEditSchema, serviceEditSchema } from '../../../shared/contract/providers';
import type { HsdsRecord, HsdsTable } from '../../../shared/contract/hsdsSpec';
import { DETAIL_TERM_IDS, SERVICE_TYPE_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import type { Db } from '../db/open';
import { AppError } from '../errors';
import { reindex, touchDirectory } from './derived';
import { isEditableSchedule } from './editable';
import { deleteRecord, ensureDeflectTaxonomy, exists, getRecord, insertRecord, newRecord, sql, updateRecord } from './store';

/**
 * A coordinator's edits, written as HSDS records so that they export like imported ones. Child rows
 * (phones, hours, languages, documents) are matched by content: unchanged rows keep their ids, removed
 * ones are deleted (or only unlinked from the service when another record still uses them).
 */

type ServiceEdit = z.output<typeof serviceEditSchema>;
type OrganizationEdit = z.output<typeof organizationEditSchema>;

const blank = (v: string | undefined | null): string | null =>
  v === undefined || v === null || v.trim() === '' ? null : v.trim();

export function saveOrganization(db: Db, input: OrganizationEdit): string {
  const id = input.id ?? randomUUID();
  const values: HsdsRecord = {
    name: input.name,
    description: input.description,
    website: blank(input.website),
    email: blank(input.email),
  };
  if (input.id) {
    if (!exists(db, 'organization', id)) throw new AppError('not_found', 'This organisation is not in the directory.', 'id');
    updateRecord(db, 'organization', id, values, Object.keys(values));
  } else {
    insertRecord(db, 'organization', newRecord('organization', { ...values, id }));
  }
  reindex(db);
  return id;
}

/** Keeps rows whose content key is still wanted, removes the others, inserts what is new. */
function syncChildren(
  db: Db,
  table: HsdsTable,
  current: HsdsRecord[],
  wanted: HsdsRecord[],
  key: (r: HsdsRecord) => string,
  ownLink: string,
  otherLinks: readonly string[],
): void {
  const remaining = new Map<string, HsdsRecord[]>();
  for (const r of current) remaining.set(key(r), [...(remaining.get(key(r)) ?? []), r]);
  for (const w of wanted) {
    const match = remaining.get(key(w));
    if (match?.length) match.shift();
    else insertRecord(db, table, newRecord(table, w));
  }
  for (const r of [...remaining.values()].flat()) {
    if (otherLinks.some((l) => r[l] !== null && r[l] !== undefined))
      updateRecord(db, table, r.id as string, { [ownLink]: null }, [ownLink]);
    else deleteRecord(db, table, r.id as string);
  }
}

function rowsOf(db: Db, sql: string, id: string): HsdsRecord[] {
  return db.prepare(sql).all(id) as HsdsRecord[];
}

function syncDeflectAttributes(db: Db, serviceId: string, input: ServiceEdit): void {
  const wanted = new Map<string, string | null>();
  for (const t of input.serviceTypes) wanted.set(SERVICE_TYPE_TERM_IDS[t], null);
  if (input.walkIns) wanted.set(DETAIL_TERM_IDS.walkIns, 'true');
  if (blank(input.capacityNote)) wanted.set(DETAIL_TERM_IDS.capacityNote, blank(input.capacityNote));
  if (blank(input.insuranceNote)) wanted.set(DETAIL_TERM_IDS.insuranceNote, blank(input.insuranceNote));
  const deflectTerms = new Set<string>([...Object.values(SERVICE_TYPE_TERM_IDS), ...Object.values(DETAIL_TERM_IDS)]);
  const existing = rowsOf(db, 'SELECT * FROM hsds_attribute WHERE link_id = ? ORDER BY id', serviceId).filter((a) =>
    deflectTerms.has(a.taxonomy_term_id as string),
  );
  for (const a of existing) {
    const term = a.taxonomy_term_id as string;
    if (!wanted.has(term)) deleteRecord(db, 'attribute', a.id as string);
    else {
      const value = wanted.get(term) ?? null;
      if ((a.value ?? null) !== value) updateRecord(db, 'attribute', a.id as string, { value }, ['value']);
      wanted.delete(term);
    }
  }
  for (const [term, value] of wanted) {
    const isType = Object.values(SERVICE_TYPE_TERM_IDS).includes(term);
    insertRecord(
      db,
      'attribute',
      newRecord('attribute', {
        link_id: serviceId,
        taxonomy_term_id: term,
        link_type: isType ? 'service_type' : 'detail',
        link_entity: 'service',
        value,
      }),
    );
  }
}

function hoursRecords(serviceId: string, hours: ServiceEdit['hours']): HsdsRecord[] {
  const groups = new Map<string, Set<string>>();
  for (const h of hours) {
    const k = `${h.opensAt}|${h.closesAt}`;
    groups.set(k, (groups.get(k) ?? new Set()).add(h.day));
  }
  const order = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
  return [...groups].map(([k, days]) => {
    const [opens, closes] = k.split('|');
    return {
      service_id: serviceId,
      freq: 'WEEKLY',
      byday: order.filter((d) => days.has(d)).join(','),
      opens_at: opens!,
      closes_at: closes!,
    };
  });
}

/** Writes the address of the service's first location, creating the location when it has none. */
function saveAddress(
  db: Db,
  serviceId: string,
  organizationId: string,
  name: string,
  address: NonNullable<ServiceEdit['address']>,
): void {
  const values: HsdsRecord = {
    address_1: address.address1,
    address_2: blank(address.address2),
    city: address.city,
    state_province: address.stateProvince,
    postal_code: address.postalCode,
  };
  let locationId = sql(db, 'SELECT location_id FROM hsds_service_at_location WHERE service_id = ? ORDER BY id LIMIT 1')
    .pluck()
    .get(serviceId) as string | undefined;
  if (!locationId) {
    locationId = randomUUID();
    insertRecord(
      db,
      'location',
      newRecord('location', { id: locationId, location_type: 'physical', organization_id: organizationId, name }),
    );
    insertRecord(db, 'service_at_location', newRecord('service_at_location', { service_id: serviceId, location_id: locationId }));
  }
  const existing = sql(
    db,
    `SELECT id FROM hsds_address WHERE location_id = ? ORDER BY address_type = 'physical' DESC, id LIMIT 1`,
  )
    .pluck()
    .get(locationId) as string | undefined;
  if (existing) updateRecord(db, 'address', existing, values, Object.keys(values));
  else
    insertRecord(
      db,
      'address',
      newRecord('address', { ...values, location_id: locationId, country: 'US', address_type: 'physical' }),
    );
}

export function saveService(db: Db, input: ServiceEdit, now: { iso: string; today: string }): string {
  if (!exists(db, 'organization', input.organizationId))
    throw new AppError('not_found', 'Choose an organisation from the directory.', 'organizationId');
  ensureDeflectTaxonomy(db);
  const id = input.id ?? randomUUID();
  const stored = input.id ? getRecord(db, 'service', id) : undefined;
  if (input.id && !stored) throw new AppError('not_found', 'This provider is not in the directory.', 'id');
  const values: HsdsRecord = {
    organization_id: input.organizationId,
    name: input.name,
    description: blank(input.description),
    status: input.status,
    alert: blank(input.alert),
    url: blank(input.url),
    email: blank(input.email),
    eligibility_description: blank(input.eligibilityDescription),
    minimum_age: input.minimumAge ?? null,
    maximum_age: input.maximumAge ?? null,
    application_process: blank(input.applicationProcess),
    fees_description: blank(input.feesDescription),
    interpretation_services: blank(input.interpretationServices),
    wait_time: blank(input.waitTime),
    last_modified: now.iso,
    ...(input.verified || !stored ? { assured_date: now.today } : {}),
  };
  if (stored) updateRecord(db, 'service', id, values, Object.keys(values));
  else insertRecord(db, 'service', newRecord('service', { ...values, id }));

  syncDeflectAttributes(db, id, input);
  if (input.address) saveAddress(db, id, input.organizationId, input.name, input.address);
  const phoneKey = (r: HsdsRecord) => JSON.stringify([r.number, r.extension ?? null, r.type ?? null, r.description ?? null]);
  syncChildren(
    db,
    'phone',
    rowsOf(db, 'SELECT * FROM hsds_phone WHERE service_id = ?', id),
    input.phones.map((p) => ({
      service_id: id,
      number: p.number,
      extension: p.extension ?? null,
      type: p.type ?? null,
      description: blank(p.description),
    })),
    phoneKey,
    'service_id',
    ['location_id', 'organization_id', 'contact_id', 'service_at_location_id'],
  );
  syncChildren(
    db,
    'schedule',
    rowsOf(db, 'SELECT * FROM hsds_schedule WHERE service_id = ?', id).filter(isEditableSchedule),
    hoursRecords(id, input.hours),
    (r) => JSON.stringify([r.byday, r.opens_at, r.closes_at]),
    'service_id',
    [],
  );
  syncChildren(
    db,
    'language',
    rowsOf(db, 'SELECT * FROM hsds_language WHERE service_id = ?', id),
    input.languages.map((l) => ({ service_id: id, name: l.name, code: blank(l.code)?.toLowerCase() ?? null })),
    (r) => JSON.stringify([(r.name as string | null)?.toLowerCase() ?? null, (r.code as string | null)?.toLowerCase() ?? null]),
    'service_id',
    ['location_id', 'phone_id'],
  );
  syncChildren(
    db,
    'required_document',
    rowsOf(db, 'SELECT * FROM hsds_required_document WHERE service_id = ?', id),
    input.requiredDocuments.map((document) => ({ service_id: id, document })),
    (r) => String(r.document ?? ''),
    'service_id',
    [],
  );
  reindex(db);
  return id;
}

export function verifyService(db: Db, id: string, today: string): void {
  if (!exists(db, 'service', id)) throw new AppError('not_found', 'This provider is not in the directory.', 'id');
  updateRecord(db, 'service', id, { assured_date: today }, ['assured_date']);
  touchDirectory(db);
}
