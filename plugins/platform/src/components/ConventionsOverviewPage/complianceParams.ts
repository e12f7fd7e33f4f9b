import type { ConventionComplianceQuery } from '../../api';

/** The overview's filters and page as the URL keeps them. */
export interface ComplianceParams {
  /** `''` for every component. */
  drifted: '' | 'true' | 'false';
  pack: string;
  q: string;
  page: number;
  pageSize: number;
}

/** Rows per page the overview offers. */
export const COMPLIANCE_PAGE_SIZES = [20, 50, 100];

const KEYS = ['drifted', 'pack', 'q', 'page', 'pageSize'];

/** Reads the overview's filters from the URL, ignoring values it cannot use. */
export function readComplianceParams(
  params: URLSearchParams,
): ComplianceParams {
  const drifted = params.get('drifted');
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  return {
    drifted: drifted === 'true' || drifted === 'false' ? drifted : '',
    pack: params.get('pack') ?? '',
    q: params.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 0,
    pageSize: COMPLIANCE_PAGE_SIZES.includes(pageSize)
      ? pageSize
      : COMPLIANCE_PAGE_SIZES[0],
  };
}

/** Writes the filters into a copy of `previous`, leaving defaults out. */
export function writeComplianceParams(
  value: ComplianceParams,
  previous: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  KEYS.forEach(key => next.delete(key));
  if (value.drifted) next.set('drifted', value.drifted);
  if (value.pack.trim()) next.set('pack', value.pack.trim());
  if (value.q.trim()) next.set('q', value.q.trim());
  if (value.page > 0) next.set('page', String(value.page));
  if (value.pageSize !== COMPLIANCE_PAGE_SIZES[0]) {
    next.set('pageSize', String(value.pageSize));
  }
  return next;
}

/** The backend query of the overview's filters. */
export function toComplianceQuery(
  value: ComplianceParams,
): ConventionComplianceQuery {
  const query: ConventionComplianceQuery = {
    offset: value.page * value.pageSize,
    limit: value.pageSize,
  };
  if (value.drifted) query.drifted = value.drifted === 'true';
  if (value.pack.trim()) query.packId = value.pack.trim();
  if (value.q.trim()) query.q = value.q.trim();
  return query;
}
