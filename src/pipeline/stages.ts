import type { Stage } from './context.js';
import { segmentStage } from './segment-stage.js';

/**
 * The pipeline, in order. Each extractor issue adds its stage here; later
 * stages may read what earlier ones wrote.
 */
export const STAGES: readonly Stage[] = [segmentStage];
