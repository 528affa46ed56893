import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * linkedom and Readability, loaded on first use. linkedom is ~190 modules and
 * ~27 MB of memory that a run over plain-text or Markdown articles never
 * needs, yet every module that reads HTML is imported by the CLI's main thread
 * and by each worker thread. Their CommonJS builds load synchronously, so the
 * readers stay synchronous.
 */
export function linkedom(): typeof import('linkedom') {
  return require('linkedom') as typeof import('linkedom');
}

export function readability(): typeof import('@mozilla/readability') {
  return require('@mozilla/readability') as typeof import('@mozilla/readability');
}
