import Foundation

/// The messages of `/v1/projects/:project/usage`.
public enum UsageAPI {
    /// One user's compute in the month.
    public struct Row: Codable, Sendable, Equatable {
        public var user: String
        public var attempts: Int
        /// GPUs times hours run, from the attempts' real start and end times.
        public var gpuHours: Double
    }

    public struct View: Codable, Sendable {
        public var project: String
        /// The month, `YYYY-MM`; the current one when the request named none.
        public var month: String?
        public var users: [Row]
        public var totalGPUHours: Double
    }
}
