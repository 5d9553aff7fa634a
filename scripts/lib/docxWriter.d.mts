// Types of docxWriter.mjs for the TypeScript tests.
export function xmlEscape(s: string): string;
export function run(text: string, options?: { rPr?: string }): string;
export function paragraph(content?: string, options?: { style?: string; numId?: number | string; ilvl?: number; raw?: boolean; pPr?: string }): string;
export function table(rows: (string | { xml: string })[][]): string;
export function hyperlink(id: string, text: string): string;
export function inserted(runsXml: string, id?: number): string;
export function deleted(text: string, id?: number): string;
export function image(rId?: string): string;
export function commented(runsXml: string, id?: number): string;
export function style(s: { id: string; name: string; basedOn?: string; next?: string; outlineLvl?: number; numId?: number | string; ilvl?: number; isDefault?: boolean }): string;
export interface LevelSpec { ilvl: number; start?: number; numFmt?: string; lvlText?: string; pStyle?: string; lvlRestart?: number; suff?: 'tab' | 'space' | 'nothing'; isLgl?: boolean }
export function level(l: LevelSpec): string;
export function abstractNum(id: number | string, levels: LevelSpec[]): string;
export function num(numId: number | string, abstractId: number | string, overrides?: { ilvl: number; start: number }[]): string;
export function buildDocx(spec: { body: string; styles?: string[]; numbering?: string[]; hyperlinks?: { id: string; url: string }[]; comments?: { id: number; text: string }[]; images?: number }): Uint8Array;
export function zip(files: Record<string, string | Uint8Array>): Uint8Array;
