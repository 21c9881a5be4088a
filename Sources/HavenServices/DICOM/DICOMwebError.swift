/// Why a DICOMweb exchange failed; messages name the service and request, never its credentials.
public enum DICOMwebError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The endpoint setting is not usable.
    case invalidEndpoint(String)
    /// The server could not be reached.
    case unreachable(String)
    /// The server answered with an error status.
    case status(Int, String)
    /// The server answered with something that is not what DICOMweb promises.
    case badResponse(String)

    public var description: String {
        switch self {
        case .invalidEndpoint(let reason): return reason
        case .unreachable(let reason): return "the DICOMweb server cannot be reached: \(reason)"
        case .status(let status, let what): return "the DICOMweb server answered \(status) to \(what)"
        case .badResponse(let reason): return "the DICOMweb server's answer is unusable: \(reason)"
        }
    }
}
