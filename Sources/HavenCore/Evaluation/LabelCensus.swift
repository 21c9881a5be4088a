import Dispatch

/// Per-label voxel counts and bounding boxes of a reference and prediction pair, from one pass over
/// both maps.
///
/// The pass is split into slabs of z, one per core; each slab fills its own histograms, which are
/// summed at the end, so no voxel is read twice and no lock is taken.
struct LabelCensus {
    static let bins = Int(UInt16.max) + 1

    var referenceCount: [Int]
    var predictionCount: [Int]
    var intersection: [Int]
    /// Per label, the smallest x, y, z holding it in either map (Int32.max when absent).
    var lower: [SIMD3<Int32>]
    /// Per label, the largest x, y, z holding it in either map (-1 when absent).
    var upper: [SIMD3<Int32>]

    private init() {
        referenceCount = [Int](repeating: 0, count: Self.bins)
        predictionCount = [Int](repeating: 0, count: Self.bins)
        intersection = [Int](repeating: 0, count: Self.bins)
        lower = [SIMD3<Int32>](repeating: SIMD3(repeating: Int32.max), count: Self.bins)
        upper = [SIMD3<Int32>](repeating: SIMD3(repeating: -1), count: Self.bins)
    }

    /// Counts both maps; they must hold `shape.count` labels each.
    init(reference: [UInt16], prediction: [UInt16], shape: VolumeShape) {
        let slabCount = max(1, min(shape.z, ParallelWork.coreCount))
        var slabs = [LabelCensus](repeating: LabelCensus(), count: slabCount)

        reference.withUnsafeBufferPointer { truth in
            prediction.withUnsafeBufferPointer { guess in
                slabs.withUnsafeMutableBufferPointer { results in
                    let shared = SharedBuffer((truth, guess, results))
                    DispatchQueue.concurrentPerform(iterations: slabCount) { slab in
                        let (truth, guess, results) = shared.pointer
                        let zStart = shape.z * slab / slabCount
                        let zEnd = shape.z * (slab + 1) / slabCount
                        results[slab].count(truth, guess, shape: shape, z: zStart..<zEnd)
                    }
                }
            }
        }

        self = slabs[0]
        for other in slabs.dropFirst() {
            merge(other)
        }
    }

    private mutating func count(
        _ truth: UnsafeBufferPointer<UInt16>, _ guess: UnsafeBufferPointer<UInt16>, shape: VolumeShape,
        z zRange: Range<Int>
    ) {
        for z in zRange {
            for y in 0..<shape.y {
                let row = shape.index(x: 0, y: y, z: z)
                for x in 0..<shape.x {
                    let r = Int(truth[row + x])
                    let p = Int(guess[row + x])
                    referenceCount[r] += 1
                    predictionCount[p] += 1
                    if r == p {
                        intersection[r] += 1
                    }
                    // Background needs no box, and most voxels are background.
                    guard r != 0 || p != 0 else { continue }
                    let here = SIMD3<Int32>(Int32(x), Int32(y), Int32(z))
                    if r != 0 {
                        lower[r] = pointwiseMin(lower[r], here)
                        upper[r] = pointwiseMax(upper[r], here)
                    }
                    if p != 0 && p != r {
                        lower[p] = pointwiseMin(lower[p], here)
                        upper[p] = pointwiseMax(upper[p], here)
                    }
                }
            }
        }
    }

    private mutating func merge(_ other: LabelCensus) {
        for label in 0..<Self.bins {
            referenceCount[label] += other.referenceCount[label]
            predictionCount[label] += other.predictionCount[label]
            intersection[label] += other.intersection[label]
            lower[label] = pointwiseMin(lower[label], other.lower[label])
            upper[label] = pointwiseMax(upper[label], other.upper[label])
        }
    }
}
