import type { DepartmentView } from '../../../shared/contract/auth';
import type { Db } from '../db/open';
import { getDepartment } from '../system/settings';

/** The department letterhead every printed document carries: name, address and phone lines, and the logo. */
export interface Letterhead {
  name: string;
  lines: string[];
  address: string;
  phone: string;
  logo: Buffer | null;
  logoType: string | null;
}

export function departmentAddress(d: DepartmentView): string {
  const cityLine = [d.city, [d.state, d.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [d.addressLine1, d.addressLine2, cityLine].filter(Boolean).join(', ');
}

export function letterheadOf(db: Db): Letterhead {
  const d = getDepartment(db);
  const logo = db.prepare('SELECT logo, logo_type FROM letterhead WHERE id = 1').get() as
    { logo: Buffer | null; logo_type: string | null } | undefined;
  const address = departmentAddress(d);
  const phone = d.phone;
  return {
    name: d.name,
    lines: [address, phone ? `Tel. ${phone}` : ''].filter(Boolean),
    address,
    phone,
    logo: logo?.logo ?? null,
    logoType: logo?.logo_type ?? null,
  };
}
