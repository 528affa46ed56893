import type { WinkLike } from './segment.js';

/** The parts of wink-nlp's core model this reader rolls back. */
interface LexemeFeature {
  hash: Record<string, number>;
  list: string[];
  index: number;
  intrinsicSize: number;
}

interface CoreModel {
  features: { lexeme: LexemeFeature };
}

// A cached word made only of letters, or only of digits, is one token whether
// the tokenizer finds it in the cache or classifies it afresh, so it may stay:
// re-adding it would recompute its features for every document (that made
// segmenting ~40% slower). Anything else ("Qasimov’s", "U.S.-led") is forgotten.
const TOKENISES_ALIKE = /^(?:\p{L}+|\d+)$/u;

type WinkFactory = (model: unknown, pipe?: readonly string[]) => WinkLike;

export interface WinkModel {
  core(): unknown;
  metaCER(): unknown;
}

// The English model's metaCER() JSON-encodes a module-level variable in place,
// so every call encodes the previous call's string again: the string grows with
// each wink instance built in a process until V8 refuses it ("Invalid string
// length" after about twenty). Its first result is kept per model and reused.
const metaCerByModel = new WeakMap<WinkModel, unknown>();

function metaCerOf(model: WinkModel): unknown {
  if (!metaCerByModel.has(model)) metaCerByModel.set(model, model.metaCER());
  return metaCerByModel.get(model);
}

/**
 * wink-nlp keeps every out-of-vocabulary word it reads in its lexeme cache,
 * and its tokenizer consults that cache when it decides whether to split a
 * word: after "Qasimov’s," has been read, a later "Qasimov’s" is one token
 * instead of "Qasimov" + "’s". Left alone, a document's tokens (and so every
 * analysis of it) depend on which documents the process read before, and the
 * cache grows without bound in a long-running server.
 *
 * This reader makes each document read as if by a fresh instance: before each
 * document it removes from the lexeme hash the words the previous document
 * added that could have tokenised differently (the tokenizer only consults
 * the hash), and once the word list holds
 * more than `maxOutOfVocabulary` added entries it rolls the list back and
 * builds a new instance over the same loaded model, which drops wink's private
 * per-word feature table too (~10 ms, against ~260 ms for loading the model).
 * A fresh instance per document would cost that 260 ms every time.
 */
export function createIsolatedWink(winkNLP: WinkFactory, model: WinkModel, pipe: readonly string[], maxOutOfVocabulary = 50_000): WinkLike {
  const core = model.core() as CoreModel;
  const lexeme = core.features.lexeme;
  if (!lexeme || !Array.isArray(lexeme.list) || typeof lexeme.intrinsicSize !== 'number') {
    throw new Error('isolated-wink: this wink-nlp model has no lexeme feature table to roll back');
  }
  // wink calls core() once per instance; handing it the loaded model again keeps a rebuild cheap.
  const metaCER = metaCerOf(model);
  const sharedModel = Object.assign(Object.create(null), model, { core: () => core, metaCER: () => metaCER });
  let nlp = winkNLP(sharedModel, pipe);
  let mark = lexeme.list.length;

  const forgetPreviousDocument = (): void => {
    const list = lexeme.list;
    for (let i = mark; i < list.length; i++) if (!TOKENISES_ALIKE.test(list[i])) delete lexeme.hash[list[i]];
    if (list.length - lexeme.intrinsicSize > maxOutOfVocabulary) {
      // The kept words point into the part of the list that goes now.
      for (let i = lexeme.intrinsicSize; i < list.length; i++) delete lexeme.hash[list[i]];
      list.length = lexeme.intrinsicSize;
      lexeme.index = lexeme.intrinsicSize;
      nlp = winkNLP(sharedModel, pipe);
    }
    mark = list.length;
  };

  return {
    readDoc(text: string) {
      forgetPreviousDocument();
      return nlp.readDoc(text);
    },
    get its() {
      return nlp.its;
    },
  };
}
