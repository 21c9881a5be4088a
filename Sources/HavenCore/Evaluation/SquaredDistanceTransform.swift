import Dispatch

/// The exact squared Euclidean distance transform of Felzenszwalb and Huttenlocher on a 3D box with
/// its own spacing per axis.
///
/// Each axis is a one-dimensional pass that replaces every line by the lower envelope of the
/// parabolas rooted at its values; three passes give the exact squared distance in millimetres from
/// each voxel centre to the nearest feature voxel centre. Cost is linear in the box's voxel count.
struct SquaredDistanceTransform {
    let shape: VolumeShape
    let spacing: SIMD3<Double>

    /// Squared distances from every voxel of the box to the nearest voxel listed in `features`
    /// (flat indices into the box); `infinity` everywhere when `features` is empty.
    ///
    /// - Parameter parallel: Splits each pass's lines over the cores; worth it when the box is
    ///   the only work in flight.
    func callAsFunction(features: [Int], parallel: Bool) -> [Double] {
        var field = [Double](repeating: .infinity, count: shape.count)
        for index in features {
            field[index] = 0
        }

        let extents = [shape.x, shape.y, shape.z]
        let strides = [1, shape.x, shape.x * shape.y]
        let steps = [spacing.x, spacing.y, spacing.z]
        field.withUnsafeMutableBufferPointer { buffer in
            for axis in 0..<3 where extents[axis] > 1 {
                pass(buffer, axis: axis, extents: extents, strides: strides, step: steps[axis], parallel: parallel)
            }
        }
        return field
    }

    /// Runs the one-dimensional transform on every line along `axis`.
    private func pass(
        _ field: UnsafeMutableBufferPointer<Double>, axis: Int, extents: [Int], strides: [Int], step: Double,
        parallel: Bool
    ) {
        let length = extents[axis]
        let others = (0..<3).filter { $0 != axis }
        let lineCount = extents[others[0]] * extents[others[1]]
        let chunkCount = parallel ? min(lineCount, ParallelWork.coreCount * 4) : 1

        let shared = SharedBuffer(field)
        let work = { @Sendable (chunk: Int) in
            let field = shared.pointer
            var envelope = LowerEnvelope(length: length)
            for line in (lineCount * chunk / chunkCount)..<(lineCount * (chunk + 1) / chunkCount) {
                let a = line % extents[others[0]]
                let b = line / extents[others[0]]
                let start = a * strides[others[0]] + b * strides[others[1]]
                envelope.transform(field, start: start, stride: strides[axis], step: step)
            }
        }
        if chunkCount == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: chunkCount, execute: work)
        }
    }
}

/// Scratch space for the one-dimensional transform, reused from line to line.
private struct LowerEnvelope {
    var values: [Double]
    var roots: [Int]
    var bounds: [Double]

    init(length: Int) {
        values = [Double](repeating: 0, count: length)
        roots = [Int](repeating: 0, count: length)
        bounds = [Double](repeating: 0, count: length + 1)
    }

    /// Replaces `field[start + i * stride]` by `min over j of (step * (i - j))^2 + field[start + j * stride]`.
    mutating func transform(_ field: UnsafeMutableBufferPointer<Double>, start: Int, stride: Int, step: Double) {
        let length = values.count
        for i in 0..<length {
            values[i] = field[start + i * stride]
        }

        // Build the lower envelope of the parabolas rooted at finite values; `bounds[k]` is where
        // parabola `roots[k]` starts being the lowest.
        var count = 0
        for q in 0..<length where values[q].isFinite {
            let position = step * Double(q)
            let height = values[q] + position * position
            var crossing = -Double.infinity
            while count > 0 {
                let r = roots[count - 1]
                let rPosition = step * Double(r)
                crossing = (height - (values[r] + rPosition * rPosition)) / (2 * (position - rPosition))
                if crossing > bounds[count - 1] { break }
                count -= 1
            }
            if count == 0 { crossing = -.infinity }
            roots[count] = q
            bounds[count] = crossing
            count += 1
        }
        guard count > 0 else { return }

        // Read the envelope back at every position.
        var k = 0
        for i in 0..<length {
            let position = step * Double(i)
            while k + 1 < count && bounds[k + 1] < position {
                k += 1
            }
            let offset = position - step * Double(roots[k])
            field[start + i * stride] = offset * offset + values[roots[k]]
        }
    }
}
