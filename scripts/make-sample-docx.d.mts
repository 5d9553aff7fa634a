// Types of make-sample-docx.mjs for the TypeScript tests.
export function sampleDocx(markdown: string): Uint8Array;
