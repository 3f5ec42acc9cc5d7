// The topic facet: a multi-label classifier over an editable taxonomy (IPTC Media Topics by default), and
// the rule that turns passages' topics into an article's.
export { loadTaxonomy, validateTaxonomy, DEFAULT_TAXONOMY_PATH, type Topic, type Taxonomy } from './taxonomy.ts'
export {
  createTopicClassifier,
  defaultClassifierOptions,
  type TopicScore,
  type TopicClassifier,
  type ClassifierOptions,
} from './classifier.ts'
export { articleTopics } from './aggregate.ts'
