/// The runtimes this build of Haven can run, by name.
enum RuntimeCatalog {
    static let all: [any SegmentationRuntime] = [
        BoneThresholdBaseline(), DiceEvaluationRuntime(), SegmentationMetricsRuntime(),
    ]

    static var names: Set<String> { Set(all.map(\.name)) }

    static func runtime(named name: String) -> (any SegmentationRuntime)? {
        all.first { $0.name == name }
    }
}
