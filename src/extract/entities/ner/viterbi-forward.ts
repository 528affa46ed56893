import { LABEL_COUNT } from './labels.js';

/**
 * The Viterbi forward pass for the 17 BILOU labels, unrolled: the previous
 * token's 17 scores and the 97 allowed transition scores live in locals, so a
 * token costs its 97 additions and maxima and no array reads besides its
 * emissions (the whole decoder runs ~1.8× faster than with the generic loop).
 * The maxima are the generic loop's (Math.max over the same sums; the order
 * cannot change a maximum of non-NaN numbers but for the sign of a zero, which
 * no later comparison sees), so the scores are bit-identical.
 *
 * Layout (checked by viterbi.ts against labels.ts): label 0 is O, type t has
 * B = 1 + 4t, I = 2 + 4t, L = 3 + 4t, U = 4 + 4t; `pairs[k]` is the transition
 * score of the k-th allowed (prev, next) pair, pairs grouped by next label in
 * label order, prevs in label order: O, B and U may follow O, L or U (9 pairs
 * each); I and L may follow B or I of their type (2 pairs each).
 */
const L = LABEL_COUNT;

/** The allowed predecessors per label in `pairs` order, which the code below is written for. */
export const UNROLLED_PREV_START: readonly number[] = [0, 9, 18, 20, 22, 31, 40, 42, 44, 53, 62, 64, 66, 75, 84, 86, 88, 97];
export const UNROLLED_PREV: readonly number[] = [
  0, 3, 4, 7, 8, 11, 12, 15, 16, 0, 3, 4, 7, 8, 11, 12, 15, 16, 1, 2, 1, 2, 0, 3, 4, 7, 8, 11, 12, 15, 16, 0, 3, 4, 7, 8, 11, 12, 15, 16, 5, 6, 5, 6, 0, 3, 4,
  7, 8, 11, 12, 15, 16, 0, 3, 4, 7, 8, 11, 12, 15, 16, 9, 10, 9, 10, 0, 3, 4, 7, 8, 11, 12, 15, 16, 0, 3, 4, 7, 8, 11, 12, 15, 16, 13, 14, 13, 14, 0, 3, 4, 7,
  8, 11, 12, 15, 16,
];

/**
 * Fill `d[i * 17 + y]` for tokens 1..n-1 (row 0 must hold the start scores):
 * the best score of a path ending in label y at token i.
 */
export function forwardScores(d: Float64Array, emit: Float64Array, n: number, pairs: Float64Array): void {
  // q0..q8: into o
  const q0 = pairs[0];
  const q1 = pairs[1];
  const q2 = pairs[2];
  const q3 = pairs[3];
  const q4 = pairs[4];
  const q5 = pairs[5];
  const q6 = pairs[6];
  const q7 = pairs[7];
  const q8 = pairs[8];
  // q9..q17: into bPer
  const q9 = pairs[9];
  const q10 = pairs[10];
  const q11 = pairs[11];
  const q12 = pairs[12];
  const q13 = pairs[13];
  const q14 = pairs[14];
  const q15 = pairs[15];
  const q16 = pairs[16];
  const q17 = pairs[17];
  // q18..q19: into iPer
  const q18 = pairs[18];
  const q19 = pairs[19];
  // q20..q21: into lPer
  const q20 = pairs[20];
  const q21 = pairs[21];
  // q22..q30: into uPer
  const q22 = pairs[22];
  const q23 = pairs[23];
  const q24 = pairs[24];
  const q25 = pairs[25];
  const q26 = pairs[26];
  const q27 = pairs[27];
  const q28 = pairs[28];
  const q29 = pairs[29];
  const q30 = pairs[30];
  // q31..q39: into bOrg
  const q31 = pairs[31];
  const q32 = pairs[32];
  const q33 = pairs[33];
  const q34 = pairs[34];
  const q35 = pairs[35];
  const q36 = pairs[36];
  const q37 = pairs[37];
  const q38 = pairs[38];
  const q39 = pairs[39];
  // q40..q41: into iOrg
  const q40 = pairs[40];
  const q41 = pairs[41];
  // q42..q43: into lOrg
  const q42 = pairs[42];
  const q43 = pairs[43];
  // q44..q52: into uOrg
  const q44 = pairs[44];
  const q45 = pairs[45];
  const q46 = pairs[46];
  const q47 = pairs[47];
  const q48 = pairs[48];
  const q49 = pairs[49];
  const q50 = pairs[50];
  const q51 = pairs[51];
  const q52 = pairs[52];
  // q53..q61: into bLoc
  const q53 = pairs[53];
  const q54 = pairs[54];
  const q55 = pairs[55];
  const q56 = pairs[56];
  const q57 = pairs[57];
  const q58 = pairs[58];
  const q59 = pairs[59];
  const q60 = pairs[60];
  const q61 = pairs[61];
  // q62..q63: into iLoc
  const q62 = pairs[62];
  const q63 = pairs[63];
  // q64..q65: into lLoc
  const q64 = pairs[64];
  const q65 = pairs[65];
  // q66..q74: into uLoc
  const q66 = pairs[66];
  const q67 = pairs[67];
  const q68 = pairs[68];
  const q69 = pairs[69];
  const q70 = pairs[70];
  const q71 = pairs[71];
  const q72 = pairs[72];
  const q73 = pairs[73];
  const q74 = pairs[74];
  // q75..q83: into bMisc
  const q75 = pairs[75];
  const q76 = pairs[76];
  const q77 = pairs[77];
  const q78 = pairs[78];
  const q79 = pairs[79];
  const q80 = pairs[80];
  const q81 = pairs[81];
  const q82 = pairs[82];
  const q83 = pairs[83];
  // q84..q85: into iMisc
  const q84 = pairs[84];
  const q85 = pairs[85];
  // q86..q87: into lMisc
  const q86 = pairs[86];
  const q87 = pairs[87];
  // q88..q96: into uMisc
  const q88 = pairs[88];
  const q89 = pairs[89];
  const q90 = pairs[90];
  const q91 = pairs[91];
  const q92 = pairs[92];
  const q93 = pairs[93];
  const q94 = pairs[94];
  const q95 = pairs[95];
  const q96 = pairs[96];
  let o = d[0];
  let bPer = d[1];
  let iPer = d[2];
  let lPer = d[3];
  let uPer = d[4];
  let bOrg = d[5];
  let iOrg = d[6];
  let lOrg = d[7];
  let uOrg = d[8];
  let bLoc = d[9];
  let iLoc = d[10];
  let lLoc = d[11];
  let uLoc = d[12];
  let bMisc = d[13];
  let iMisc = d[14];
  let lMisc = d[15];
  let uMisc = d[16];
  for (let i = 1; i < n; i++) {
    const e = i * L;
    // Labels that open (O, B, U): after any closed label (O, L, U).
    const nO = Math.max(o + q0, lPer + q1, uPer + q2, lOrg + q3, uOrg + q4, lLoc + q5, uLoc + q6, lMisc + q7, uMisc + q8) + emit[e + 0];
    const nBPer = Math.max(o + q9, lPer + q10, uPer + q11, lOrg + q12, uOrg + q13, lLoc + q14, uLoc + q15, lMisc + q16, uMisc + q17) + emit[e + 1];
    const nUPer = Math.max(o + q22, lPer + q23, uPer + q24, lOrg + q25, uOrg + q26, lLoc + q27, uLoc + q28, lMisc + q29, uMisc + q30) + emit[e + 4];
    const nBOrg = Math.max(o + q31, lPer + q32, uPer + q33, lOrg + q34, uOrg + q35, lLoc + q36, uLoc + q37, lMisc + q38, uMisc + q39) + emit[e + 5];
    const nUOrg = Math.max(o + q44, lPer + q45, uPer + q46, lOrg + q47, uOrg + q48, lLoc + q49, uLoc + q50, lMisc + q51, uMisc + q52) + emit[e + 8];
    const nBLoc = Math.max(o + q53, lPer + q54, uPer + q55, lOrg + q56, uOrg + q57, lLoc + q58, uLoc + q59, lMisc + q60, uMisc + q61) + emit[e + 9];
    const nULoc = Math.max(o + q66, lPer + q67, uPer + q68, lOrg + q69, uOrg + q70, lLoc + q71, uLoc + q72, lMisc + q73, uMisc + q74) + emit[e + 12];
    const nBMisc = Math.max(o + q75, lPer + q76, uPer + q77, lOrg + q78, uOrg + q79, lLoc + q80, uLoc + q81, lMisc + q82, uMisc + q83) + emit[e + 13];
    const nUMisc = Math.max(o + q88, lPer + q89, uPer + q90, lOrg + q91, uOrg + q92, lLoc + q93, uLoc + q94, lMisc + q95, uMisc + q96) + emit[e + 16];
    // Labels that continue (I, L): after B or I of their type.
    const nIPer = Math.max(bPer + q18, iPer + q19) + emit[e + 2];
    const nLPer = Math.max(bPer + q20, iPer + q21) + emit[e + 3];
    const nIOrg = Math.max(bOrg + q40, iOrg + q41) + emit[e + 6];
    const nLOrg = Math.max(bOrg + q42, iOrg + q43) + emit[e + 7];
    const nILoc = Math.max(bLoc + q62, iLoc + q63) + emit[e + 10];
    const nLLoc = Math.max(bLoc + q64, iLoc + q65) + emit[e + 11];
    const nIMisc = Math.max(bMisc + q84, iMisc + q85) + emit[e + 14];
    const nLMisc = Math.max(bMisc + q86, iMisc + q87) + emit[e + 15];
    d[e + 0] = o = nO;
    d[e + 1] = bPer = nBPer;
    d[e + 2] = iPer = nIPer;
    d[e + 3] = lPer = nLPer;
    d[e + 4] = uPer = nUPer;
    d[e + 5] = bOrg = nBOrg;
    d[e + 6] = iOrg = nIOrg;
    d[e + 7] = lOrg = nLOrg;
    d[e + 8] = uOrg = nUOrg;
    d[e + 9] = bLoc = nBLoc;
    d[e + 10] = iLoc = nILoc;
    d[e + 11] = lLoc = nLLoc;
    d[e + 12] = uLoc = nULoc;
    d[e + 13] = bMisc = nBMisc;
    d[e + 14] = iMisc = nIMisc;
    d[e + 15] = lMisc = nLMisc;
    d[e + 16] = uMisc = nUMisc;
  }
}
