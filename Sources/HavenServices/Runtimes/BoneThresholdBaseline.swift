import Foundation
import HavenCore
import NIfTI

/// The built-in CPU baseline: bone by Hounsfield threshold and 3D connected components.
///
/// A real, simple algorithm, named as a baseline so that nobody mistakes it for a trained model.
struct BoneThresholdBaseline: SegmentationRuntime {
    let name = "bone-threshold-baseline"

    func run(
        inputs: [URL], parameters: [String: JSONValue], output: URL, progress: @Sendable (Double, String) -> Void
    ) throws -> RuntimeResult {
        guard inputs.count == 1, let input = inputs.first else {
            throw RuntimeError(description: "\(name) takes exactly one CT volume; the job named \(inputs.count)")
        }
        var settings = BoneBaseline.Parameters()
        if let threshold = parameters["thresholdHU"]?.doubleValue { settings.thresholdHU = Float(threshold) }
        if let minimum = parameters["minimumComponentVoxels"]?.doubleValue {
            settings.minimumComponentVoxels = Int(minimum)
        }

        progress(0.1, "reading the CT")
        let image = try NIfTIImage.read(path: input.path)
        let dimensions = image.header.dimensions
        let shape = VolumeShape(x: dimensions[0], y: dimensions[1], z: dimensions[2])

        progress(0.4, "thresholding and labelling components")
        let result = BoneBaseline.segment(hounsfield: image.voxelsAsFloat(), shape: shape, parameters: settings)

        progress(0.8, "writing the bone mask")
        let maskName = "bone-mask.nii.gz"
        try NIfTIImage.writeLabels(result.mask, like: image, to: output.appending(path: maskName).path)
        let summary: JSONValue = .object([
            "thresholdHU": .number(Double(settings.thresholdHU)),
            "minimumComponentVoxels": .number(Double(settings.minimumComponentVoxels)),
            "boneVoxels": .number(Double(result.boneVoxelCount)),
            "components": .number(Double(result.components.count)),
        ])
        return RuntimeResult(files: [maskName], summary: summary)
    }
}
