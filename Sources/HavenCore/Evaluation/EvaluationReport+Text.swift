extension EvaluationReport {
    /// The aggregate as a JSON object: definitions, outcome counts, per-label summaries and the
    /// summary over labels; undefined values are `null`.
    public func json() -> String {
        let configuration = aggregate.configuration
        var lines: [String] = ["{"]
        lines.append("  \"name\": \(quoted(aggregate.name)),")
        lines.append("  \"caseCount\": \(aggregate.caseCount),")
        lines.append("  \"definitions\": {")
        lines.append("    \"document\": \"Docs/metrics.md\",")
        lines.append("    \"surface\": \"6-neighbour\",")
        lines.append("    \"hausdorff95\": \(quoted(configuration.hausdorffPercentile.rawValue)),")
        lines.append("    \"boundaryToleranceMM\": \(configuration.boundaryToleranceMM),")
        lines.append("    \"penalty\": \(quoted(configuration.penalty.name))" + penaltyValue() + "")
        lines.append("  },")
        lines.append("  \"outcomes\": \(outcomesJSON(aggregate.outcomes)),")
        lines.append("  \"labels\": [")
        let labelLines = aggregate.labels.map { label in
            "    {\"label\": \(label.label), \"outcomes\": \(outcomesJSON(label.outcomes)), \"metrics\": "
                + metricsJSON(label.metrics) + "}"
        }
        lines.append(labelLines.joined(separator: ",\n"))
        lines.append("  ],")
        lines.append("  \"overLabels\": \(metricsJSON(aggregate.overLabels))")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per label and metric (label `all` for the summary over labels), with the definitions
    /// in a leading comment line.
    public func csv() -> String {
        var rows = ["# " + definitions]
        rows.append("label,metric,count,mean,sd,ci95_lower,ci95_upper")
        let groups = aggregate.labels.map { ("\($0.label)", $0.metrics) } + [("all", aggregate.overLabels)]
        for (label, summaries) in groups {
            for metric in metrics {
                let summary = summaries[metric] ?? SampleSummary([])
                let fields = [
                    summary.mean, summary.standardDeviation, summary.confidenceLower, summary.confidenceUpper,
                ]
                rows.append(
                    "\(label),\(metric.rawValue),\(summary.count),"
                        + fields.map { DecimalText.exact($0, undefined: "") }.joined(separator: ","))
            }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A table like a paper's figure: labels as rows, each metric as a mean and an SD column, then
    /// an average row and an SD row over labels; `n/a` where a value is undefined.
    public func markdown(digits: Int = 3) -> String {
        var header = "| Label |"
        var rule = "| --- |"
        for metric in metrics {
            header += " \(metric.title) mean | \(metric.title) SD |"
            rule += " ---: | ---: |"
        }

        var rows = [header, rule]
        for label in aggregate.labels {
            var row = "| \(label.label) |"
            for metric in metrics {
                let summary = label.metrics[metric]
                row += " \(text(summary?.mean, digits)) | \(text(summary?.standardDeviation, digits)) |"
            }
            rows.append(row)
        }

        var average = "| Average |"
        var spread = "| SD |"
        for metric in metrics {
            let summary = aggregate.overLabels[metric]
            average += " \(text(summary?.mean, digits)) | |"
            spread += " \(text(summary?.standardDeviation, digits)) | |"
        }
        rows += [average, spread]

        let caption =
            "\(aggregate.name): \(aggregate.caseCount) cases; outcomes: \(outcomeText(aggregate.outcomes)); "
            + definitions + "."
        return caption + "\n\n" + rows.joined(separator: "\n") + "\n"
    }

    private func text(_ value: Double?, _ digits: Int) -> String {
        value.map { DecimalText.fixed($0, digits: digits) } ?? "n/a"
    }

    private func quoted(_ text: String) -> String {
        var escaped = "\""
        for character in text.unicodeScalars {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default:
                if character.value < 0x20 {
                    let hex = String(character.value, radix: 16)
                    escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    escaped.unicodeScalars.append(character)
                }
            }
        }
        return escaped + "\""
    }

    private func penaltyValue() -> String {
        if case .fixed(let value) = aggregate.configuration.penalty {
            return ",\n    \"penaltyMM\": \(value)"
        }
        return ""
    }

    private func outcomesJSON(_ outcomes: [LabelOutcome: Int]) -> String {
        "{" + LabelOutcome.allCases.map { "\(quoted($0.rawValue)): \(outcomes[$0] ?? 0)" }.joined(separator: ", ")
            + "}"
    }

    private func metricsJSON(_ summaries: [SegmentationMetric: SampleSummary]) -> String {
        let members = metrics.map { metric in
            let summary = summaries[metric] ?? SampleSummary([])
            let values = [
                ("mean", summary.mean), ("sd", summary.standardDeviation), ("ci95Lower", summary.confidenceLower),
                ("ci95Upper", summary.confidenceUpper),
            ]
            let fields = values.map { "\"\($0.0)\": \(DecimalText.exact($0.1, undefined: "null"))" }
            return "\(quoted(metric.rawValue)): {\"count\": \(summary.count), " + fields.joined(separator: ", ") + "}"
        }
        return "{" + members.joined(separator: ", ") + "}"
    }
}
