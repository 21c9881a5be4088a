/// The voxel types Haven reads, named as in the NIfTI standard.
///
/// Complex, RGB and 128-bit float volumes are refused when read; no Haven workflow produces them.
public enum NIfTIDatatype: String, Sendable, Codable, CaseIterable {
    case uint8
    case int8
    case uint16
    case int16
    case uint32
    case int32
    case uint64
    case int64
    case float32
    case float64

    /// The `datatype` code the NIfTI-1 and NIfTI-2 headers store for this type.
    public var code: Int {
        switch self {
        case .uint8: return 2
        case .int16: return 4
        case .int32: return 8
        case .float32: return 16
        case .float64: return 64
        case .int8: return 256
        case .uint16: return 512
        case .uint32: return 768
        case .int64: return 1024
        case .uint64: return 1280
        }
    }

    /// Bytes one voxel takes on disk and in memory.
    public var bytesPerVoxel: Int {
        switch self {
        case .uint8, .int8: return 1
        case .uint16, .int16: return 2
        case .uint32, .int32, .float32: return 4
        case .uint64, .int64, .float64: return 8
        }
    }

    /// Whether voxels hold whole numbers, which label maps require.
    public var isInteger: Bool {
        self != .float32 && self != .float64
    }

    /// The type with the header code `code`, or nil for a code Haven does not read.
    public init?(code: Int) {
        guard let match = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = match
    }
}
