// The CI and review formats of `kijun check`. Pure: each takes the Report (the JSON contract),
// the ReviewModel and a locale, and returns the text to write.
import type { Locale } from '../model.js';
import type { Report } from '../report.js';
import type { ReviewModel } from './reviewModel.js';
import { formatSarif, type SarifOptions } from './sarif.js';
import { formatJunit } from './junit.js';
import { formatMarkdown } from './markdown.js';
import { formatHtml } from './html.js';

export const REVIEW_FORMATS = ['sarif', 'junit', 'markdown', 'html'] as const;
export type ReviewFormat = (typeof REVIEW_FORMATS)[number];

export function isReviewFormat(format: string): format is ReviewFormat {
  return (REVIEW_FORMATS as readonly string[]).includes(format);
}

export function formatReview(format: ReviewFormat, report: Report, review: ReviewModel, locale: Locale, options: SarifOptions = {}): string {
  switch (format) {
    case 'sarif':
      return formatSarif(report, review, locale, options);
    case 'junit':
      return formatJunit(report, review, locale);
    case 'markdown':
      return formatMarkdown(report, review, locale);
    case 'html':
      return formatHtml(report, review, locale);
  }
}

export { buildReviewModel, type ReviewModel, type ReviewOptions } from './reviewModel.js';
export { formatSarif, formatJunit, formatMarkdown, formatHtml };
