/** The exporters behind `dossier export --format …`: pure functions from analyses or the graph to text chunks. */
export { type CsvColumn, edgesCsv, entitiesCsv, mentionsCsv, toCsv } from './csv.js';
export { ftmEntities, ftmId, toFtm } from './ftm.js';
export { FTM_SCHEMATA } from './ftm-mapping.js';
export type { FtmEntity } from './ftm-types.js';
export { type GexfOptions, gexfLines, toGexf } from './gexf.js';
export { graphmlLines, toGraphml } from './graphml.js';
export { toJsonl } from './jsonl.js';
export { entityIri, toW3cAnnotations, type W3cAnnotation, type W3cAnnotationOptions } from './w3c-annotations.js';
