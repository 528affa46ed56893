import { claimsStage } from '../extract/claims/claims-stage.js';
import { entitiesStage } from '../extract/entities/entities-stage.js';
import { eventsStage } from '../extract/events/events-stage.js';
import { quotesStage } from '../extract/quotes/quotes-stage.js';
import { timeStage } from '../extract/time/time-stage.js';
import { rhetoricStage } from '../rhetoric/stage.js';
import type { Stage } from './context.js';
import { segmentStage } from './segment-stage.js';

/**
 * The pipeline, in order. Each extractor issue adds its stage here; later
 * stages may read what earlier ones wrote.
 */
export const STAGES: readonly Stage[] = [segmentStage, entitiesStage, timeStage, quotesStage, claimsStage, eventsStage, rhetoricStage];
