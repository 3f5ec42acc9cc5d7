// The topic facet: a two-level multi-label classifier over an editable taxonomy (IPTC Media Topics by default),
// trained on the corpus being indexed into a stored model that labels passages added later the same way, and
// the rule that turns passages' topics into an article's.
export {
  loadTaxonomy,
  validateTaxonomy,
  topicParents,
  topicLabels,
  DEFAULT_TAXONOMY_PATH,
  type Topic,
  type Taxonomy,
} from './taxonomy.ts'
export { defaultClassifierOptions, type TopicScore, type ClassifierOptions } from './classifier.ts'
export {
  trainTopics,
  trainScoredTopics,
  classifyWithModel,
  classifyCorpus,
  createTopicClassifier,
  defaultCorpusClassifierOptions,
  type TopicClassifier,
  type TopicInput,
  type CorpusClassifierOptions,
  type CorpusClassifierSettings,
  type SecondLevelOptions,
} from './corpus.ts'
export { TOPIC_MODEL_FORMAT, type TopicModel, type LevelModel, type TopicDecisionOptions } from './topic-model.ts'
export { defaultSelfTrainingOptions, type SelfTrainingOptions } from './self-training.ts'
export { articleTopics, type ArticleTopicOptions } from './aggregate.ts'
