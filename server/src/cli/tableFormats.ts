// `kijun check --format csv|xlsx`: the correspondence table (PRODUCT.md §5.4). The tables and both
// writers are in the core (pure, so the language server and a browser can run them too).
import type { Report } from '../core/report.js';
import type { Locale } from '../core/model.js';
import type { LoadedWorkspace } from '../core/workspace.js';
import { buildCorrespondence } from '../core/formats/correspondence.js';
import { tableCsv } from '../core/formats/csv.js';
import { xlsxWorkbook } from '../core/formats/xlsx.js';

export const TABLE_FORMATS = ['csv', 'xlsx'] as const;
export type TableFormat = (typeof TABLE_FORMATS)[number];

export function isTableFormat(format: string): format is TableFormat {
  return (TABLE_FORMATS as readonly string[]).includes(format);
}

export function renderTable(format: TableFormat, report: Report, loaded: LoadedWorkspace, locale: Locale, displayPath: (path: string) => string): string | Uint8Array {
  const tables = buildCorrespondence(loaded, report, { locale, displayPath });
  return format === 'csv' ? tableCsv(tables.table) : xlsxWorkbook([tables.table, tables.measures, tables.summary], { locale });
}
