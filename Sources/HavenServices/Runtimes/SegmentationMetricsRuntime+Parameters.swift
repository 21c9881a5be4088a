import HavenCore

extension SegmentationMetricsRuntime {
    /// The evaluation configuration the job's parameters ask for; a parameter of the wrong kind is refused.
    static func configuration(_ parameters: [String: JSONValue]) throws -> EvaluationConfiguration {
        var configuration = EvaluationConfiguration()
        if let labels = parameters["labels"], labels != .null {
            guard let list = labels.integerArray else {
                throw RuntimeError(description: "parameter `labels` must be a list of integers, such as [30, 31]")
            }
            configuration.labels = list
        }
        if let tolerance = parameters["boundaryToleranceMM"], tolerance != .null {
            guard let value = tolerance.doubleValue else {
                throw RuntimeError(description: "parameter `boundaryToleranceMM` must be a number of millimetres")
            }
            configuration.boundaryToleranceMM = value
        }
        if let percentile = parameters["hausdorffPercentile"], percentile != .null {
            guard let text = percentile.stringValue, let definition = percentileNames[text] else {
                throw RuntimeError(
                    description: "parameter `hausdorffPercentile` must be `max-of-directed` or `pooled`")
            }
            configuration.hausdorffPercentile = definition
        }
        if let penalty = parameters["penaltyMM"], penalty != .null {
            guard let value = penalty.doubleValue else {
                throw RuntimeError(description: "parameter `penaltyMM` must be a number of millimetres")
            }
            configuration.penalty = .fixed(value)
        }
        return configuration
    }

    /// The parameter spellings of the HD95 definitions.
    static let percentileNames: [String: HausdorffPercentileDefinition] = [
        "max-of-directed": .maxOfDirected, "pooled": .pooled,
    ]

    /// Per label, the mean over cases of the summary metrics (`null` where undefined), with the definitions.
    static func summary(_ report: EvaluationReport) -> JSONValue {
        let labels: [JSONValue] = report.aggregate.labels.map { label in
            var members: [String: JSONValue] = ["label": .number(Double(label.label))]
            for metric in summaryMetrics {
                members[metric.rawValue] = label.metrics[metric]?.mean.map { .number($0) } ?? .null
            }
            return .object(members)
        }
        return .object([
            "metric": .string("segmentation-metrics"),
            "cases": .number(Double(report.aggregate.caseCount)),
            "definitions": .string(report.definitions),
            "labels": .array(labels),
        ])
    }
}
