/// When a job whose attempt ended badly runs again as a new attempt.
///
/// Preemption and the scheduler's requeue always start a new attempt and use none of the retries: the job did
/// nothing wrong.
public struct RetryPolicy: Sendable, Equatable, Codable {
    /// How many extra attempts failures and lost nodes may cost in all.
    public var maxRetries: Int
    /// Whether a failed attempt is retried (off by default: most failures repeat).
    public var retryOnFailure: Bool
    /// Whether an attempt on a node that went silent is retried on another node.
    public var retryOnLostNode: Bool

    public init(maxRetries: Int = 2, retryOnFailure: Bool = false, retryOnLostNode: Bool = true) {
        self.maxRetries = maxRetries
        self.retryOnFailure = retryOnFailure
        self.retryOnLostNode = retryOnLostNode
    }

    /// No retries at all.
    public static let never = RetryPolicy(maxRetries: 0, retryOnFailure: false, retryOnLostNode: false)

    /// Whether an attempt that ended with `end` is retried after `used` retries.
    public func retries(_ end: AttemptEnd, used: Int) -> Bool {
        guard used < maxRetries else { return false }
        switch end {
        case .failed: return retryOnFailure
        case .lost: return retryOnLostNode
        case .succeeded, .cancelled, .timedOut, .preempted, .requeued: return false
        }
    }
}
