// JUnit XML for CI test tabs: one test case per sector-and-control requirement and one per file.
// A test case fails when it has an error-severity finding, as `kijun check` exits 1 on those;
// an exempted control is a skipped case carrying its rationale; warnings and notes go to the
// case's output.
import type { Locale } from '../model.js';
import type { Report, ReportDiagnostic } from '../report.js';
import type { ReviewModel, ReviewSector } from './reviewModel.js';
import { pick } from './reviewModel.js';
import { escapeXml as x } from './escape.js';
import { findingLine, ui } from './ui.js';

interface Case {
  classname: string;
  name: string;
  file?: string;
  line?: number;
  failure?: { message: string; type: string; body: string };
  skipped?: string;
  out: string[];
}

interface Suite {
  name: string;
  properties: [string, string][];
  cases: Case[];
}

export function formatJunit(report: Report, review: ReviewModel, locale: Locale): string {
  const t = ui(locale);
  const suites: Suite[] = [];
  const byPath = new Map(report.files.map((f) => [f.path, f.diagnostics]));
  const uncoveredSeverity = review.rules.find((r) => r.code === 'uncovered-control')?.severity ?? 'error';
  for (const sector of review.sectors) suites.push(sectorSuite(sector, review, byPath, uncoveredSeverity, locale));
  suites.push({
    name: t.junitFiles,
    properties: [],
    cases: report.files.map((f): Case => {
      const errors = f.diagnostics.filter((d) => d.severity === 'error');
      const others = f.diagnostics.filter((d) => d.severity !== 'error');
      const c: Case = { classname: 'kijun.files', name: f.path, file: f.path, out: others.map((d) => findingLine(f.path, d, locale)) };
      if (errors.length > 0) {
        c.line = errors[0].range.start.line + 1;
        c.failure = { message: `${t.failureSummary(errors.length)}: ${errors[0].message}`, type: errors[0].code, body: errors.map((d) => findingLine(f.path, d, locale)).join('\n') };
      }
      return c;
    }),
  });
  return render(suites);
}

function sectorSuite(sector: ReviewSector, review: ReviewModel, byPath: Map<string, ReportDiagnostic[]>, uncoveredSeverity: string, locale: Locale): Suite {
  const t = ui(locale);
  const catalog = review.catalogs.find((c) => c.key === sector.baseline);
  // Findings about one control anywhere in the sector's files.
  const about = new Map<string, { path: string; d: ReportDiagnostic }[]>();
  for (const path of sector.paths) {
    for (const d of byPath.get(path) ?? []) {
      if (d.control === undefined) continue;
      const list = about.get(d.control) ?? [];
      list.push({ path, d });
      about.set(d.control, list);
    }
  }
  const cases: Case[] = [];
  for (const control of catalog?.controls ?? []) {
    const cell = sector.cells[control.id];
    if (!cell) continue;
    const findings = about.get(control.id) ?? [];
    const errors = findings.filter((f) => f.d.severity === 'error');
    const c: Case = {
      classname: `kijun.${sector.sector}.${control.function}`,
      name: `${control.id} ${pick(control.title, locale)}`.trim(),
      file: sector.primary.path,
      line: sector.primary.line,
      out: [],
    };
    if (cell.measures.length > 0) {
      const first = cell.measures[0];
      c.file = first.path;
      c.line = first.line;
      c.out.push(t.coveredBy(cell.measures.map((m) => `${m.id} (${m.path}:${m.line})`).join(', ')));
    }
    if (errors.length > 0) {
      const first = errors[0];
      c.file = first.path;
      c.line = first.d.range.start.line + 1;
      c.failure = { message: first.d.message, type: first.d.code, body: errors.map((f) => findingLine(f.path, f.d, locale)).join('\n') };
    } else if (cell.state === 'exempted') {
      const exemption = review.exemptions.find((e) => e.sector === sector.sector && e.baseline === sector.baseline && e.control === control.id && e.sound);
      c.skipped = t.exemptedBecause(exemption?.rationale ?? '');
      if (exemption) {
        c.file = exemption.path;
        c.line = exemption.line;
      }
    } else if (cell.state !== 'covered') {
      c.out.push(t.uncoveredNote(t.severity[uncoveredSeverity] ?? uncoveredSeverity));
    }
    for (const f of findings) if (f.d.severity !== 'error') c.out.push(findingLine(f.path, f.d, locale));
    cases.push(c);
  }
  return {
    name: t.junitCoverage(pick(sector.name, locale) || sector.sector, sector.sector, sector.baseline, sector.level),
    properties: [['sector', sector.sector], ['baseline', sector.baseline], ['level', String(sector.level)], ['required', String(sector.required)], ['covered', String(sector.covered)], ['exempted', String(sector.exempted)], ['uncovered', String(sector.uncovered)]],
    cases,
  };
}

function render(suites: Suite[]): string {
  const count = (cases: Case[], f: (c: Case) => boolean): number => cases.filter(f).length;
  const all = suites.flatMap((s) => s.cases);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="Kijun" tests="${all.length}" failures="${count(all, (c) => !!c.failure)}" errors="0" skipped="${count(all, (c) => c.skipped !== undefined)}" time="0">`);
  suites.forEach((suite, id) => {
    const { cases } = suite;
    out.push(`  <testsuite id="${id}" name="${x(suite.name)}" tests="${cases.length}" failures="${count(cases, (c) => !!c.failure)}" errors="0" skipped="${count(cases, (c) => c.skipped !== undefined)}" time="0">`);
    if (suite.properties.length > 0) {
      out.push('    <properties>');
      for (const [name, value] of suite.properties) out.push(`      <property name="${x(name)}" value="${x(value)}"/>`);
      out.push('    </properties>');
    }
    for (const c of cases) {
      const attrs = [`classname="${x(c.classname)}"`, `name="${x(c.name)}"`];
      if (c.file !== undefined) attrs.push(`file="${x(c.file)}"`);
      if (c.line !== undefined) attrs.push(`line="${c.line}"`);
      attrs.push('time="0"');
      const inner: string[] = [];
      if (c.failure) inner.push(`      <failure message="${x(c.failure.message)}" type="${x(c.failure.type)}">${x(c.failure.body)}</failure>`);
      if (c.skipped !== undefined) inner.push(`      <skipped message="${x(c.skipped)}"/>`);
      if (c.out.length > 0) inner.push(`      <system-out>${x(c.out.join('\n'))}</system-out>`);
      if (inner.length === 0) out.push(`    <testcase ${attrs.join(' ')}/>`);
      else out.push(`    <testcase ${attrs.join(' ')}>`, ...inner, '    </testcase>');
    }
    out.push('  </testsuite>');
  });
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
