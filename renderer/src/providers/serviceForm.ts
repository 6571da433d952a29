import type { ServiceDetail, ServiceEdit } from '../../../shared/contract/providers';
import { WEEKDAYS } from '../../../shared/contract/providers';
import type { ServiceType } from '../../../shared/domain/serviceTypes';

/** The edit form's state for one service, and how it maps to and from the contract. */
export type Day = (typeof WEEKDAYS)[number];
export const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};
export const STATUSES = [
  { value: 'active', label: 'Active' },
  { value: 'temporarily closed', label: 'Temporarily closed' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'defunct', label: 'Defunct (closed for good)' },
];
export const NEW_ORG = '__new__';

export interface Form {
  organizationId: string | null;
  newOrgName: string;
  newOrgDescription: string;
  name: string;
  status: string;
  description: string;
  serviceTypes: ServiceType[];
  walkIns: boolean;
  phones: Array<{ number: string; extension: string; description: string }>;
  hours: Array<{ day: Day; opensAt: string; closesAt: string }>;
  languages: string[];
  requiredDocuments: string[];
  eligibilityDescription: string;
  minimumAge: number | string;
  maximumAge: number | string;
  applicationProcess: string;
  waitTime: string;
  capacityNote: string;
  feesDescription: string;
  insuranceNote: string;
  interpretationServices: string;
  alert: string;
  url: string;
  email: string;
  verified: boolean;
  address1: string;
  address2: string;
  city: string;
  stateProvince: string;
  postalCode: string;
}

const hhmm = (t: string | null) => (t ?? '').slice(0, 5);

export function initial(s: ServiceDetail | null): Form {
  const address = s?.locations[0]?.addresses[0];
  return {
    address1: address?.address1 ?? '',
    address2: address?.address2 ?? '',
    city: address?.city ?? '',
    stateProvince: address?.stateProvince ?? '',
    postalCode: address?.postalCode ?? '',
    organizationId: s?.organization.id ?? null,
    newOrgName: '',
    newOrgDescription: '',
    name: s?.name ?? '',
    status: s?.status ?? 'active',
    description: s?.description ?? '',
    serviceTypes: s?.serviceTypes ?? [],
    walkIns: s?.walkIns ?? false,
    phones: (s?.phones ?? []).map((p) => ({
      number: p.number,
      extension: p.extension === null ? '' : String(p.extension),
      description: p.description ?? '',
    })),
    hours: (s?.schedules ?? [])
      .filter((h) => h.editable)
      .flatMap((h) =>
        (h.byday ?? '').split(',').map((day) => ({ day: day as Day, opensAt: hhmm(h.opensAt), closesAt: hhmm(h.closesAt) })),
      )
      .sort((a, b) => WEEKDAYS.indexOf(a.day) - WEEKDAYS.indexOf(b.day)),
    languages: (s?.languages ?? []).map((l) => l.name ?? l.code ?? '').filter(Boolean),
    requiredDocuments: (s?.requiredDocuments ?? []).map((d) => d.document ?? '').filter(Boolean),
    eligibilityDescription: s?.eligibilityDescription ?? '',
    minimumAge: s?.minimumAge ?? '',
    maximumAge: s?.maximumAge ?? '',
    applicationProcess: s?.applicationProcess ?? '',
    waitTime: s?.waitTime ?? '',
    capacityNote: s?.capacityNote ?? '',
    feesDescription: s?.feesDescription ?? '',
    insuranceNote: s?.insuranceNote ?? '',
    interpretationServices: s?.interpretationServices ?? '',
    alert: s?.alert ?? '',
    url: s?.url ?? '',
    email: s?.email ?? '',
    verified: false,
  };
}

/** What was typed, as the contract takes it: "" is none; anything else is sent as typed (the contract names a bad one). */
const age = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number(v));

/** A valid placeholder while a new organisation is being created with the service. */
export const PENDING_ORG_ID = '00000000-0000-4000-8000-000000000000';

/** Replaces item `i` of a list with `patch` applied. */
export function updateAt<T>(list: readonly T[], i: number, patch: Partial<T>): T[] {
  return list.map((x, j) => (j === i ? { ...x, ...patch } : x));
}

/** Everything of saveService's input that comes from the form (not the id or organisation). */
export function toSaveInput(form: Form): Omit<ServiceEdit, 'id' | 'organizationId'> {
  return {
    name: form.name,
    status: form.status as ServiceDetail['status'],
    description: form.description,
    serviceTypes: form.serviceTypes,
    walkIns: form.walkIns,
    // Every row is sent, so that a problem is reported on the row the user sees (a blank one is removed with its button).
    phones: form.phones.map((p) => ({
      number: p.number,
      extension: p.extension.trim() ? Number(p.extension) : null,
      description: p.description,
    })),
    hours: form.hours,
    languages: form.languages.map((name) => ({ name })),
    requiredDocuments: form.requiredDocuments,
    eligibilityDescription: form.eligibilityDescription,
    minimumAge: age(form.minimumAge),
    maximumAge: age(form.maximumAge),
    applicationProcess: form.applicationProcess,
    waitTime: form.waitTime,
    capacityNote: form.capacityNote,
    feesDescription: form.feesDescription,
    insuranceNote: form.insuranceNote,
    interpretationServices: form.interpretationServices,
    alert: form.alert,
    url: form.url,
    email: form.email,
    verified: form.verified,
    ...([form.address1, form.address2, form.city, form.stateProvince, form.postalCode].some((v) => v.trim())
      ? {
          address: {
            address1: form.address1,
            address2: form.address2,
            city: form.city,
            stateProvince: form.stateProvince,
            postalCode: form.postalCode,
          },
        }
      : {}),
  };
}
