// The topic facet: a multi-label classifier over an editable taxonomy (IPTC Media Topics by default), the
// corpus-level classifier that adapts it to the passages being indexed, and the rule that turns passages'
// topics into an article's.
export { loadTaxonomy, validateTaxonomy, DEFAULT_TAXONOMY_PATH, type Topic, type Taxonomy } from './taxonomy.ts'
export {
  createTopicClassifier,
  defaultClassifierOptions,
  type TopicScore,
  type TopicClassifier,
  type ClassifierOptions,
} from './classifier.ts'
export {
  classifyCorpus,
  scoreCorpus,
  defaultCorpusClassifierOptions,
  type TopicInput,
  type CorpusTopics,
  type CorpusClassifierOptions,
  type CorpusClassifierSettings,
} from './corpus.ts'
export { defaultSelfTrainingOptions, type SelfTrainingOptions } from './self-training.ts'
export { articleTopics } from './aggregate.ts'
