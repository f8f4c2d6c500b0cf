/**
 * The procedural story corpus the embedded default model is trained on: {@link dev.rein.data.stories.StoryGenerator}
 * writes short tales from a grammar of sentence templates over word classes, each with known attributes
 * ({@link dev.rein.data.stories.Sentiment}, {@link dev.rein.data.stories.Politeness}, length);
 * {@link dev.rein.data.stories.StoryCorpus} writes them as JSONL; {@link dev.rein.data.stories.StoryTokenizer}
 * writes a byte-level BPE tokenizer in which every word of the grammar is one token; and
 * {@link dev.rein.data.stories.StoryChecker} tells whether a text (a trained model's generation) is a tale the
 * grammar can produce.
 */
package dev.rein.data.stories;
