// The contract suite on every backend: the embedded one always, OpenSearch when a cluster answers.
import { backendsUnderTest } from './backends.ts'
import { describeReadContract, describeWriteContract } from './contract.ts'

for (const backend of await backendsUnderTest()) {
  describeReadContract(backend)
  describeWriteContract(backend)
}
