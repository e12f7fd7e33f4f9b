import type { ConventionComplianceQuery } from '../../../api';
import { urlFilter, UrlFilterSchema } from '../../shared/useUrlFilters';

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

/** How the overview keeps its filters in the URL. */
export const complianceFilters: UrlFilterSchema<ComplianceParams> = {
  drifted: urlFilter.oneOf(['true', 'false']),
  pack: urlFilter.text(),
  q: urlFilter.text(),
  page: urlFilter.page(),
  pageSize: urlFilter.pageSize(COMPLIANCE_PAGE_SIZES),
};

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
