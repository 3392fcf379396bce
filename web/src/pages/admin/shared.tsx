// Pieces the administration pages share: field errors from the server, role names, the unit list.
import { ApiError, get, type Schemas } from '../../api';
import { useLoad, type Load } from '../../components/Data';
import { errorText, hasKey, pick, t } from '../../i18n';

export const STAFF_ROLES = ['officer', 'supervisor', 'department', 'liaison', 'admin'];
export const UNIT_KINDS = ['bureau', 'branch_centre', 'service_site', 'liaison_site', 'department'];

export type Unit = Schemas['Unit'];

//! The server's field errors as field → code.
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (err instanceof ApiError) for (const [k, v] of Object.entries(err.fields ?? {})) out[k] = v.code;
  return out;
}

//! A field error code in words: the administration's own codes first, then the common ones.
export function adminErrorText(code: string): string {
  return hasKey('admin.errors.' + code) ? t('admin.errors.' + code) : errorText(code);
}

export function FieldMsg(props: { id: string; code?: string }) {
  return props.code ? <p id={props.id} class="field-error">{adminErrorText(props.code)}</p> : null;
}

export function roleName(role: string): string {
  return role === 'applicant' ? t('admin.applicantRole') : t('role.' + role);
}

//! Every unit, with a reload after changes.
export function useUnits(): Load<Unit[]> {
  return useLoad(() => get('/units').then((r) => r.units), []);
}

//! Units in tree order (each after its parent), with their depth.
export function unitTree(units: Unit[]): { unit: Unit; depth: number }[] {
  const out: { unit: Unit; depth: number }[] = [];
  const ids = new Set(units.map((u) => u.id));
  const walk = (parent: number | null, depth: number) => {
    for (const u of units)
      if ((u.parent_id ?? null) === parent || (parent === null && u.parent_id !== null && !ids.has(u.parent_id))) {
        out.push({ unit: u, depth });
        walk(u.id, depth + 1);
      }
  };
  walk(null, 0);
  return out;
}

//! "Name (CODE)". Also for a unit named briefly (Schemas['UnitRef']), whose name and code the
//! server leaves out when the unit is no longer in its directory: then the code or the number.
export function unitLabel(u: Unit | Schemas['UnitRef']): string {
  if (!u.name) return u.code ?? '#' + u.id;
  return pick(u.name) + ' (' + (u.code ?? '#' + u.id) + ')';
}
