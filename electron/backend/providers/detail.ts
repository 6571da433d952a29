import type { ProviderPhone, ProviderSchedule, ServiceDetail } from '../../../shared/contract/providers';
import type { HsdsRecord } from '../../../shared/contract/hsdsSpec';
import { DETAIL_TERM_IDS } from '../../../shared/domain/deflectTaxonomy';
import { NEED_CODES, NEED_SERVICE_TYPES } from '../../../shared/domain/serviceTypes';
import type { Db } from '../db/open';
import { sql } from './store';
import { AppError } from '../errors';
import { isEditableSchedule } from './editable';
import { type ScheduleInput, describeHours, openState } from './openNow';
import { type Clock, hasWalkIns, serviceSchedules, serviceTypesOf } from './search';
import { isStale } from './settings';

/** Everything a co-responder needs on the phone about one service, from the HSDS records around it. */

type Row = HsdsRecord;
const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const n = (v: unknown): number | null => (typeof v === 'number' ? v : null);

function rows(db: Db, text: string, ...params: unknown[]): Row[] {
  return sql(db, text).all(...params) as Row[];
}

function phones(db: Db, column: 'service_id' | 'organization_id' | 'location_id' | 'contact_id', id: string): ProviderPhone[] {
  const extra = column === 'organization_id' ? ' AND service_id IS NULL' : '';
  return rows(db, `SELECT * FROM hsds_phone WHERE ${column} = ?${extra} ORDER BY id`, id).map((p) => ({
    id: p.id as string,
    number: p.number as string,
    extension: n(p.extension),
    type: s(p.type),
    description: s(p.description),
    languages: rows(db, 'SELECT name, code FROM hsds_language WHERE phone_id = ? ORDER BY id', p.id).map(
      (l) => s(l.name) ?? s(l.code) ?? '',
    ),
  }));
}

export function scheduleView(r: Row): ProviderSchedule {
  return {
    id: r.id as string,
    hours: describeHours(r as unknown as ScheduleInput),
    description: s(r.description),
    notes: s(r.notes),
    attendingType: s(r.attending_type),
    validFrom: s(r.valid_from),
    validTo: s(r.valid_to),
    byday: s(r.byday),
    opensAt: s(r.opens_at),
    closesAt: s(r.closes_at),
    editable: isEditableSchedule(r),
  };
}

function languages(db: Db, column: 'service_id' | 'location_id', id: string) {
  return rows(db, `SELECT * FROM hsds_language WHERE ${column} = ? ORDER BY id`, id).map((l) => ({
    id: l.id as string,
    name: s(l.name),
    code: s(l.code),
    note: s(l.note),
  }));
}

function attributeValue(db: Db, serviceId: string, termId: string): string | null {
  return (
    (sql(db, 'SELECT value FROM hsds_attribute WHERE link_id = ? AND taxonomy_term_id = ? ORDER BY id LIMIT 1')
      .pluck()
      .get(serviceId, termId) as string | null | undefined) ?? null
  );
}

function location(db: Db, l: Row) {
  const id = l.id as string;
  return {
    id,
    name: s(l.name),
    description: s(l.description),
    transportation: s(l.transportation),
    url: s(l.url),
    locationType: l.location_type as string,
    addresses: rows(db, `SELECT * FROM hsds_address WHERE location_id = ? ORDER BY address_type = 'physical' DESC, id`, id).map(
      (a) => ({
        id: a.id as string,
        attention: s(a.attention),
        address1: a.address_1 as string,
        address2: s(a.address_2),
        city: a.city as string,
        stateProvince: a.state_province as string,
        postalCode: a.postal_code as string,
        country: a.country as string,
        addressType: a.address_type as string,
      }),
    ),
    phones: phones(db, 'location_id', id),
    schedules: rows(
      db,
      'SELECT * FROM hsds_schedule WHERE location_id = ? AND service_id IS NULL AND service_at_location_id IS NULL ORDER BY id',
      id,
    ).map(scheduleView),
    languages: languages(db, 'location_id', id),
    accessibility: rows(db, 'SELECT description, details FROM hsds_accessibility WHERE location_id = ? ORDER BY id', id).map(
      (a) => ({
        description: s(a.description),
        details: s(a.details),
      }),
    ),
  };
}

export function serviceDetail(
  db: Db,
  id: string,
  clock: Clock,
): { service: ServiceDetail; otherServices: Array<{ id: string; name: string }> } {
  const r = sql(db, 'SELECT * FROM hsds_service WHERE id = ?').get(id) as Row | undefined;
  if (!r) throw new AppError('not_found', 'This provider is not in the directory.', 'id');
  const orgId = r.organization_id as string;
  const org = sql(db, 'SELECT * FROM hsds_organization WHERE id = ?').get(orgId) as Row | undefined;
  const types = serviceTypesOf(db, id);
  const schedules = serviceSchedules(db, id);
  const assured = s(r.assured_date);
  const service: ServiceDetail = {
    id,
    name: r.name as string,
    alternateName: s(r.alternate_name),
    description: s(r.description),
    status: r.status as ServiceDetail['status'],
    alert: s(r.alert),
    url: s(r.url),
    email: s(r.email),
    organization: {
      id: orgId,
      name: s(org?.name),
      description: s(org?.description),
      website: s(org?.website),
      email: s(org?.email),
      phones: org ? phones(db, 'organization_id', orgId) : [],
    },
    serviceTypes: types,
    needs: NEED_CODES.filter((need) => NEED_SERVICE_TYPES[need].some((t) => types.includes(t))),
    walkIns: hasWalkIns(db, id),
    capacityNote: attributeValue(db, id, DETAIL_TERM_IDS.capacityNote),
    insuranceNote: attributeValue(db, id, DETAIL_TERM_IDS.insuranceNote),
    feesDescription: s(r.fees_description) ?? s(r.fees),
    costOptions: rows(db, 'SELECT * FROM hsds_cost_option WHERE service_id = ? ORDER BY id', id).map((c) => ({
      option: s(c.option),
      amount: n(c.amount),
      currency: s(c.currency),
      amountDescription: s(c.amount_description),
    })),
    eligibilityDescription: s(r.eligibility_description),
    minimumAge: n(r.minimum_age),
    maximumAge: n(r.maximum_age),
    requiredDocuments: rows(db, 'SELECT * FROM hsds_required_document WHERE service_id = ? ORDER BY id', id).map((d) => ({
      id: d.id as string,
      document: s(d.document),
      uri: s(d.uri),
    })),
    applicationProcess: s(r.application_process),
    interpretationServices: s(r.interpretation_services),
    waitTime: s(r.wait_time),
    languages: languages(db, 'service_id', id),
    phones: phones(db, 'service_id', id),
    contacts: rows(db, 'SELECT * FROM hsds_contact WHERE service_id = ? ORDER BY id', id).map((c) => ({
      id: c.id as string,
      name: s(c.name),
      title: s(c.title),
      department: s(c.department),
      email: s(c.email),
      phones: phones(db, 'contact_id', c.id as string),
    })),
    schedules: schedules.map(scheduleView),
    locations: rows(
      db,
      'SELECT l.* FROM hsds_location l JOIN hsds_service_at_location sal ON sal.location_id = l.id WHERE sal.service_id = ? ORDER BY l.name, l.id',
      id,
    ).map((l) => location(db, l)),
    serviceAreas: rows(db, 'SELECT name, description FROM hsds_service_area WHERE service_id = ? ORDER BY id', id).map((a) => ({
      name: s(a.name),
      description: s(a.description),
    })),
    assuredDate: assured,
    assurerEmail: s(r.assurer_email),
    stale: isStale(assured, clock.fresh),
    open: openState(schedules as unknown as ScheduleInput[], clock.now, clock.timeZone),
  };
  const otherServices = sql(
    db,
    'SELECT id, name FROM hsds_service WHERE organization_id = ? AND id <> ? ORDER BY name COLLATE NOCASE',
  ).all(orgId, id) as Array<{ id: string; name: string }>;
  return { service, otherServices };
}
