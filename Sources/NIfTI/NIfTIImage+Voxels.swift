internal import CNIfTI

extension NIfTIImage {
    /// Every voxel as `Float` in file order (x fastest), with the header's slope and intercept
    /// applied when the slope is not 0.
    ///
    /// 64-bit integers and doubles beyond `Float`'s 24-bit mantissa are rounded to the nearest
    /// `Float`.
    public func voxelsAsFloat() -> [Float] {
        let slope = Float(header.scaleSlope)
        let intercept = Float(header.scaleIntercept)
        let scaled = header.hasScaling

        switch header.datatype {
        case .uint8: return floats(UInt8.self, slope: slope, intercept: intercept, scaled: scaled)
        case .int8: return floats(Int8.self, slope: slope, intercept: intercept, scaled: scaled)
        case .uint16: return floats(UInt16.self, slope: slope, intercept: intercept, scaled: scaled)
        case .int16: return floats(Int16.self, slope: slope, intercept: intercept, scaled: scaled)
        case .uint32: return floats(UInt32.self, slope: slope, intercept: intercept, scaled: scaled)
        case .int32: return floats(Int32.self, slope: slope, intercept: intercept, scaled: scaled)
        case .uint64: return floats(UInt64.self, slope: slope, intercept: intercept, scaled: scaled)
        case .int64: return floats(Int64.self, slope: slope, intercept: intercept, scaled: scaled)
        case .float32: return floats(Float.self, slope: slope, intercept: intercept, scaled: scaled)
        case .float64: return floats(Double.self, slope: slope, intercept: intercept, scaled: scaled)
        }
    }

    /// Every voxel as a label in file order (x fastest), for label maps stored as integers.
    ///
    /// - Throws: ``NIfTIError`` naming the file: `unsupportedDatatype` for float voxels,
    ///   `scaledLabels` when the header scales values (anything but no slope or 1 × v + 0),
    ///   `labelOutOfRange` for a value outside 0...65535.
    public func voxelsAsLabels() throws -> [UInt16] {
        guard header.datatype.isInteger else {
            throw NIfTIError(
                .unsupportedDatatype, path: path,
                message: "stores \(header.datatype.rawValue) voxels; a label map needs an integer datatype")
        }
        guard !header.hasScaling else {
            throw NIfTIError(
                .scaledLabels, path: path,
                message: "scales its values (slope \(header.scaleSlope), intercept \(header.scaleIntercept)); "
                    + "write label maps with scl_slope 0 or 1 and scl_inter 0")
        }

        switch header.datatype {
        case .uint8: return try labels(UInt8.self)
        case .int8: return try labels(Int8.self)
        case .uint16: return try labels(UInt16.self)
        case .int16: return try labels(Int16.self)
        case .uint32: return try labels(UInt32.self)
        case .int32: return try labels(Int32.self)
        case .uint64: return try labels(UInt64.self)
        case .int64: return try labels(Int64.self)
        case .float32, .float64: return []
        }
    }

    /// The voxel buffer viewed as `count` values of `T`; valid while `self` is alive.
    private func stored<T>(as type: T.Type) -> UnsafeBufferPointer<T> {
        // `read` checked that the buffer holds voxelCount values of the header's type.
        let start = UnsafeRawPointer(handle.pointee.data!).assumingMemoryBound(to: T.self)
        return UnsafeBufferPointer(start: start, count: header.voxelCount)
    }

    private func floats<T: BinaryInteger>(_ type: T.Type, slope: Float, intercept: Float, scaled: Bool) -> [Float] {
        let source = stored(as: T.self)
        return withExtendedLifetime(self) {
            [Float](unsafeUninitializedCapacity: source.count) { target, initialized in
                for index in source.indices {
                    let value = Float(source[index])
                    target[index] = scaled ? value * slope + intercept : value
                }
                initialized = source.count
            }
        }
    }

    private func floats<T: BinaryFloatingPoint>(_ type: T.Type, slope: Float, intercept: Float, scaled: Bool)
        -> [Float]
    {
        let source = stored(as: T.self)
        return withExtendedLifetime(self) {
            [Float](unsafeUninitializedCapacity: source.count) { target, initialized in
                for index in source.indices {
                    let value = Float(source[index])
                    target[index] = scaled ? value * slope + intercept : value
                }
                initialized = source.count
            }
        }
    }

    private func labels<T: BinaryInteger>(_ type: T.Type) throws -> [UInt16] {
        let source = stored(as: T.self)
        return try withExtendedLifetime(self) {
            try [UInt16](unsafeUninitializedCapacity: source.count) { target, initialized in
                for index in source.indices {
                    guard let label = UInt16(exactly: source[index]) else {
                        throw NIfTIError(
                            .labelOutOfRange, path: path,
                            message: "holds \(source[index]) at voxel \(index); labels must lie in 0...65535")
                    }
                    target[index] = label
                }
                initialized = source.count
            }
        }
    }
}
