import Foundation
import HavenCore
import NIfTI

/// Compares a prediction with a reference label map per label by Dice.
///
/// Inputs: the reference, then the prediction. Parameters: `referenceMerge` / `predictionMerge`, lists of labels
/// to fold into label 1 first (to compare a binary mask with the union of several labels), and `labels`, the labels
/// to report (every label present by default).
struct DiceEvaluationRuntime: SegmentationRuntime {
    let name = "dice-evaluation"

    func run(
        inputs: [URL], parameters: [String: JSONValue], output: URL, progress: @Sendable (Double, String) -> Void
    ) throws -> RuntimeResult {
        guard inputs.count == 2 else {
            throw RuntimeError(description: "\(name) takes a reference and a prediction; the job named \(inputs.count)")
        }
        progress(0.1, "reading the label maps")
        let reference = try NIfTIImage.read(path: inputs[0].path)
        let prediction = try NIfTIImage.read(path: inputs[1].path)
        guard reference.header.dimensions == prediction.header.dimensions else {
            throw RuntimeError(
                description: "the reference has dimensions \(reference.header.dimensions) and the prediction "
                    + "\(prediction.header.dimensions); evaluate label maps on the same grid")
        }
        var referenceLabels = try reference.voxelsAsLabels()
        var predictionLabels = try prediction.voxelsAsLabels()
        if let merge = parameters["referenceMerge"]?.integerArray {
            referenceLabels = DiceEvaluation.merge(referenceLabels, mapping: Set(merge), to: 1)
        }
        if let merge = parameters["predictionMerge"]?.integerArray {
            predictionLabels = DiceEvaluation.merge(predictionLabels, mapping: Set(merge), to: 1)
        }

        progress(0.5, "counting overlaps")
        let overlaps = DiceEvaluation.perLabel(
            reference: referenceLabels, prediction: predictionLabels, labels: parameters["labels"]?.integerArray)
        let table = try APIJSON.encoder().encode(overlaps)
        try table.write(to: output.appending(path: "dice.json"))
        let rows: [JSONValue] = overlaps.map { overlap in
            .object([
                "label": .number(Double(overlap.label)),
                "dice": overlap.dice.map { .number($0) } ?? .null,
                "referenceVoxels": .number(Double(overlap.referenceVoxels)),
                "predictionVoxels": .number(Double(overlap.predictionVoxels)),
            ])
        }
        return RuntimeResult(
            files: ["dice.json"], summary: .object(["metric": .string("dice"), "labels": .array(rows)]))
    }
}
