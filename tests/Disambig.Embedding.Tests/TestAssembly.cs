// Torch's thread count and the default generator are process-wide: tests run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
