/// The surface voxels of one label in the reference and the prediction, and the distance from each
/// to the other surface.
///
/// The work happens on the label's bounding box (both maps together) grown by one voxel of
/// background on every side: the margin makes a voxel on the box edge, or on the grid edge, count
/// as touching the outside, and every surface voxel of either map lies inside the box, so the
/// distance transform of the box is exact for them.
struct LabelSurfaces {
    /// For each prediction surface voxel, the distance in mm to the nearest reference surface voxel.
    var predictionToReference: [Double]
    /// For each reference surface voxel, the distance in mm to the nearest prediction surface voxel.
    var referenceToPrediction: [Double]

    /// Measures `label` inside the box `lower...upper` (inclusive, grid coordinates).
    init(
        label: UInt16, reference: UnsafeBufferPointer<UInt16>, prediction: UnsafeBufferPointer<UInt16>,
        shape: VolumeShape, spacing: SIMD3<Double>, lower: SIMD3<Int32>, upper: SIMD3<Int32>, parallel: Bool
    ) {
        let box = VolumeShape(
            x: Int(upper.x - lower.x) + 3, y: Int(upper.y - lower.y) + 3, z: Int(upper.z - lower.z) + 3)
        let origin = SIMD3<Int>(Int(lower.x) - 1, Int(lower.y) - 1, Int(lower.z) - 1)

        let referenceMask = Self.mask(of: label, in: reference, shape: shape, box: box, origin: origin)
        let predictionMask = Self.mask(of: label, in: prediction, shape: shape, box: box, origin: origin)
        let referenceSurface = Self.surface(of: referenceMask, box: box)
        let predictionSurface = Self.surface(of: predictionMask, box: box)

        let transform = SquaredDistanceTransform(shape: box, spacing: spacing)
        let toReference = transform(features: referenceSurface, parallel: parallel)
        predictionToReference = predictionSurface.map { toReference[$0].squareRoot() }
        let toPrediction = transform(features: predictionSurface, parallel: parallel)
        referenceToPrediction = referenceSurface.map { toPrediction[$0].squareRoot() }
    }

    /// 1 where the map holds `label` inside the box, 0 elsewhere, including the one-voxel margin
    /// and any part of the box outside the grid.
    private static func mask(
        of label: UInt16, in labels: UnsafeBufferPointer<UInt16>, shape: VolumeShape, box: VolumeShape,
        origin: SIMD3<Int>
    ) -> [UInt8] {
        var mask = [UInt8](repeating: 0, count: box.count)
        for z in 1..<(box.z - 1) {
            for y in 1..<(box.y - 1) {
                let source = shape.index(x: origin.x + 1, y: origin.y + y, z: origin.z + z)
                let target = box.index(x: 1, y: y, z: z)
                for x in 0..<(box.x - 2) where labels[source + x] == label {
                    mask[target + x] = 1
                }
            }
        }
        return mask
    }

    /// Flat box indices of the mask's voxels that have at least one of their six face neighbours
    /// outside the mask.
    private static func surface(of mask: [UInt8], box: VolumeShape) -> [Int] {
        let strideY = box.x
        let strideZ = box.x * box.y
        var found: [Int] = []
        for z in 1..<(box.z - 1) {
            for y in 1..<(box.y - 1) {
                let row = box.index(x: 0, y: y, z: z)
                for index in (row + 1)..<(row + box.x - 1) where mask[index] != 0 {
                    let interior =
                        mask[index - 1] & mask[index + 1] & mask[index - strideY] & mask[index + strideY]
                        & mask[index - strideZ] & mask[index + strideZ]
                    if interior == 0 {
                        found.append(index)
                    }
                }
            }
        }
        return found
    }
}
