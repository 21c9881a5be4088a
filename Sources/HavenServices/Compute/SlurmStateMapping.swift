import HavenCore

/// What a Slurm job's state means for the Haven attempt it runs. Pure: the driver reads the state, this decides.
enum SlurmStateMapping {
    /// The event for Haven's job, or `nil` when nothing changed that Haven does not hear from the runner itself.
    /// - Parameters:
    ///   - restartCount: Slurm's `restart_cnt` now; `submittedRestarts` is what it was when the attempt began.
    static func event(for status: SlurmREST.JobStatus, submittedRestarts: Int) -> JobEvent? {
        if status.restartCount > submittedRestarts { return .requeued }
        let what = "Slurm job \(status.id) ended \(status.state)" + (status.reason.isEmpty ? "" : " (\(status.reason))")
        switch status.state {
        case "PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "RESIZING":
            return nil
        case "COMPLETED":
            // The runner reports success itself; a completed Slurm job whose attempt is still live lost its runner.
            return .failed(reason: what + " before the job runner reported an end")
        case "TIMEOUT", "DEADLINE":
            return .timedOut
        case "CANCELLED":
            return .cancelled
        case "PREEMPTED":
            return .preempted
        case "NODE_FAIL":
            return .nodeLost
        default:
            return .failed(reason: what)
        }
    }
}
