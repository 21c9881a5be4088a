import Foundation
import HavenCore
import NIfTI
import PNGImage

// Reads a reference and a prediction label map, evaluates every label with every metric, and
// writes the per-label values as JSON for the benchmark script to compare with other tools.
//
//     haven-metrics-bench REFERENCE.nii.gz PREDICTION.nii.gz VALUES.json [REPORT_FOLDER]
//
// With a report folder it also writes report.json, report.csv, report.md and report.png there.

let arguments = CommandLine.arguments
guard arguments.count >= 4 else {
    FileHandle.standardError.write(
        Data("usage: haven-metrics-bench REFERENCE PREDICTION VALUES.json [REPORT_FOLDER]\n".utf8))
    exit(64)
}

func labelMap(_ path: String) throws -> LabelMap {
    let image = try NIfTIImage.read(path: path)
    let dimensions = image.header.dimensions
    let shape = VolumeShape(x: dimensions[0], y: dimensions[1], z: dimensions[2])
    var grid = VoxelGrid(shape: shape, affine: image.header.affine)
    grid.spacing = Array(image.header.spacing.prefix(3))
    return LabelMap(
        labels: try image.voxelsAsLabels(), grid: grid, scaleSlope: image.header.scaleSlope,
        scaleIntercept: image.header.scaleIntercept)
}

do {
    let clock = ContinuousClock()
    let started = clock.now
    let reference = try labelMap(arguments[1])
    let prediction = try labelMap(arguments[2])
    let loaded = clock.now

    let evaluation = try SegmentationEvaluation.evaluate(reference: reference, prediction: prediction)
    let evaluated = clock.now

    var members: [String] = []
    for label in evaluation.labels {
        let values = SegmentationMetric.allCases.map { metric in
            "\"\(metric.rawValue)\": " + (label[metric].map { "\($0)" } ?? "null")
        }
        members.append("\"\(label.label)\": {" + values.joined(separator: ", ") + "}")
    }
    try Data(("{" + members.joined(separator: ",\n") + "}\n").utf8)
        .write(to: URL(fileURLWithPath: arguments[3]))

    if arguments.count >= 5 {
        let folder = arguments[4]
        let report = EvaluationReport(aggregate: EvaluationAggregate(name: "haven", cases: [evaluation]))
        try Data(report.json().utf8).write(to: URL(fileURLWithPath: folder + "/report.json"))
        try Data(report.csv().utf8).write(to: URL(fileURLWithPath: folder + "/report.csv"))
        try Data(report.markdown().utf8).write(to: URL(fileURLWithPath: folder + "/report.md"))
        let map = HeatMap(report: report)
        try PNGImage(width: map.width, height: map.height, rgb: map.rgb).write(to: folder + "/report.png")
    }

    print(
        "haven read_seconds=\(loaded - started) evaluate_seconds=\(evaluated - loaded) labels=\(evaluation.labels.count)"
    )
} catch {
    FileHandle.standardError.write(Data("haven-metrics-bench: \(error)\n".utf8))
    exit(65)
}
